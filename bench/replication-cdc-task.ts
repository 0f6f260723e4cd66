// The replication process of the CDC bench: runs the task folder given as argument until SIGTERM,
// printing the task log on stdout (the bench waits for the line that says CDC has begun).
import { loadTaskDefinition } from '../electron/node/replication/task/index.js';
import { runTask } from '../electron/node/replication/runner.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: replication-cdc-task.ts TASK_DIR');
const stop = new AbortController();
process.on('SIGTERM', () => stop.abort());
const def = await loadTaskDefinition(dir);
const outcome = await runTask(def, { reload: true, signal: stop.signal, onState: () => undefined, log: (m) => console.log(m) });
console.log(`outcome: ${outcome}; cpu ${((process.cpuUsage().user + process.cpuUsage().system) / 1e6).toFixed(1)} s`);
