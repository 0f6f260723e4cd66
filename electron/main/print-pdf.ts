// Desktop PDF of an HTML report: Electron's own Chromium (webContents.printToPDF) in a hidden,
// sandboxed window with JavaScript off and every request refused (the reports load nothing).
// Not run in tests (no Electron binary here); the web mode and the CLI print through playwright-core.
import { writeFile } from 'node:fs/promises';
import { BrowserWindow } from 'electron';

export async function printHtmlToPdf(htmlFile: string, pdfFile: string): Promise<void> {
  const w = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, offscreen: true },
  });
  try {
    // Only the report file itself may load: no network, no other file.
    w.webContents.session.webRequest.onBeforeRequest((details, done) => done({ cancel: details.url !== `file://${htmlFile}` }));
    await w.loadFile(htmlFile);
    const pdf = await w.webContents.printToPDF({
      pageSize: 'A4', printBackground: true, margins: { top: 0.47, bottom: 0.47, left: 0.39, right: 0.39 },
    });
    await writeFile(pdfFile, pdf);
  } finally {
    w.destroy();
  }
}
