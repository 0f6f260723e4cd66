// The replication process of the benches (as `dbshift replicate start` runs it: tsx, one process):
// runs the task folder given as argument until it completes or gets SIGTERM, printing the task log
// on stdout, then its peak RSS and CPU seconds.
import { loadTaskDefinition } from '../electron/node/replication/task/index.js';
import { runTask } from '../electron/node/replication/runner.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: replication-task.ts TASK_DIR');
const stop = new AbortController();
process.on('SIGTERM', () => stop.abort());
const def = await loadTaskDefinition(dir);
const outcome = await runTask(def, { reload: true, signal: stop.signal, onState: () => undefined, log: (m) => console.log(m) });
const cpu = process.cpuUsage();
console.log(`outcome: ${outcome}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
