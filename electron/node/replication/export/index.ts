// `dbshift replicate export`: a task folder as AWS DMS files or Debezium Kafka Connect configs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTaskDefinition } from '../task/index.js';
import { awsDmsExport, type DmsArns } from './aws-dms.js';
import { debeziumExport, debeziumReadme, type DebeziumOptions } from './debezium.js';

export * from './aws-dms.js';
export * from './debezium.js';

export async function exportAwsDms(dir: string, outDir: string, arns: DmsArns = {}): Promise<{ written: string[]; notes: string[] }> {
  const e = awsDmsExport(await loadTaskDefinition(dir), arns);
  mkdirSync(outDir, { recursive: true });
  const written = Object.entries(e.files).map(([name, text]) => {
    writeFileSync(join(outDir, name), text, name.endsWith('.sh') ? { mode: 0o755 } : {});
    return join(outDir, name);
  });
  return { written, notes: e.placeholders.map((p) => `${p} in create-replication-task.sh: replace it (or pass the matching --…-arn flag)`) };
}

export async function exportDebezium(dir: string, outDir: string, o: DebeziumOptions = {}): Promise<{ written: string[]; notes: string[] }> {
  const e = debeziumExport(await loadTaskDefinition(dir), o);
  mkdirSync(outDir, { recursive: true });
  const written = e.connectors.map((c) => {
    const p = join(outDir, `${c.name}.json`);
    writeFileSync(p, `${JSON.stringify(c, null, 2)}\n`);
    return p;
  });
  writeFileSync(join(outDir, 'README.txt'), `${debeziumReadme(o.secretsFile)}${e.notes.length ? `Notes:\n${e.notes.map((n) => `- ${n}`).join('\n')}\n` : ''}`);
  written.push(join(outDir, 'README.txt'));
  return { written, notes: e.notes };
}
