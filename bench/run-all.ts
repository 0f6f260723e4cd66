// Runs every bench/*.bench.ts, one after another, each in its own process (so one bench's heap
// and JIT state do not colour the next). Prints their figures; exits non-zero only if a bench crashed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('.', import.meta.url));
const benches = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
let failed = 0;
for (const b of benches) {
  console.log(`\n== ${b}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, b)], { stdio: 'inherit' });
  if (r.status !== 0) { failed++; console.log(`${b} exited with ${r.status ?? r.signal}`); }
}
console.log(`\n${benches.length} bench(es) run${failed ? `, ${failed} failed` : ''}`);
process.exit(failed ? 1 : 0);
