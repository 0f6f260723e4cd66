import type { Severity } from '../../../converters/index.js';
import type { Assessment } from '../../../converters/assessment/index.js';
import { scrubUrls } from '../export/apply-script.js';

/** Where the CLI talks: results on stdout, progress and findings on stderr; every line scrubbed of URL passwords. */
export class Output {
  private readonly secrets = new Set<string>();
  constructor(readonly quiet: boolean, readonly json: boolean,
    private readonly out: (s: string) => void = (s) => { process.stdout.write(s); },
    private readonly err: (s: string) => void = (s) => { process.stderr.write(s); }) {}

  /** Remembers a secret (a password typed at the prompt) so it is removed from anything printed. */
  addSecret(s: string | undefined): void {
    if (s) { this.secrets.add(s); this.secrets.add(encodeURIComponent(s)); }
  }

  clean(s: string): string {
    let t = scrubUrls(s);
    for (const secret of this.secrets) t = t.split(secret).join('***');
    return t;
  }

  progress(s: string): void {
    if (!this.quiet) this.err(`${this.clean(s)}\n`);
  }

  warn(s: string): void {
    this.err(`${this.clean(s)}\n`);
  }

  result(s: string): void {
    this.out(`${this.clean(s)}\n`);
  }

  resultJson(v: unknown): void {
    this.out(`${this.clean(JSON.stringify(v, null, 2))}\n`);
  }
}

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** The lines a person reads after convert/assess/demo. */
export function summaryLines(a: Assessment): string[] {
  const s = a.summary;
  const sev = SEVERITIES.map((k) => `${a.countsBySeverity[k]} ${k}`).join(', ');
  return [
    `Objects: ${s.objects.total} (${s.objects.converted} converted, ${s.objects.withActions} converted with action items, ${s.objects.notConverted} not converted)`,
    `Converted: storage ${s.storageObjectsConvertedPct}%, code ${s.codeObjectsConvertedPct}%`,
    `Action items: ${sev}`,
    `Estimated manual effort: ${s.estimatedHours} h`,
  ];
}

/**
 * Findings worth a look on the terminal, compiler style (file:line:column: severity CODE message):
 * everything critical or high, and every problem reading or parsing the input.
 */
export function findingLines(a: Assessment, limit = 30): string[] {
  const important = a.actionItems.filter((i) => i.severity === 'critical' || i.severity === 'high' || (i.stage !== 'conversion' && i.severity !== 'info'));
  const lines = important.slice(0, limit).map((i) => {
    const where = i.file ? `${i.file}:${i.line}:${i.column}: ` : '';
    const obj = i.object ? ` [${i.object.type} ${i.object.schema ? `${i.object.schema}.` : ''}${i.object.name}]` : '';
    return `${where}${i.severity} ${i.code}: ${i.message}${obj}`;
  });
  if (important.length > limit) lines.push(`… and ${important.length - limit} more (see assessment.json)`);
  return lines;
}
