export { assessLoaded, writeReportFiles, REPORT_FORMATS } from './run.js';
export type { AssessOptions, AssessedTarget, ReportFormat, WrittenReport } from './run.js';
export { htmlFilesToPdf, findChromium, PDF_UNAVAILABLE } from './pdf.js';
export { readInventoryFile, runInventory } from './inventory.js';
export type { InventoryOptions, InventoryRun } from './inventory.js';
export { reportView } from './view.js';
