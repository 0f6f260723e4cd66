// The tasks view's back end: task folders under <config>/replication/<id>/, created with the same
// code as `dbshift replicate create`, run as `dbshift replicate start|resume|delete` child processes
// (the CLI's own runner: a crash or kill -9 of a task never takes the workbench down). Statistics
// come from each task's state.json, pushed as `replication.changed` every second while it runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError, type ParsedParams, type ReplicationTaskInfo, type Result, type TaskFileProblem } from '../../../converters/contract/index.js';
import type { Host } from './host.js';
import { currentLayout, resolveCli, type CliCommand } from './cli-command.js';

type Replication = typeof import('../replication/index.js');
const load = (): Promise<Replication> => import('../replication/index.js');

/** How to run the CLI here (see cli-command.ts: sources through tsx, the bundle's cli.mjs, or DBSHIFT_CLI). */
export function cliCommand(): CliCommand {
  return resolveCli(currentLayout());
}

/** `FullLoadSettings.Foo: unknown key` (from TaskDefinitionError.problems) as file + key path + message. */
export function problemsOf(file: string, problems: string[]): TaskFileProblem[] {
  return problems.map((p) => {
    const i = p.indexOf(': ');
    return i > 0 ? { file, path: p.slice(0, i), message: p.slice(i + 2) } : { file, path: '(top level)', message: p };
  });
}

export function createReplicationHandlers(host: Host) {
  const root = join(host.configDir, 'replication');
  const children = new Map<string, ChildProcess>();
  let timer: NodeJS.Timeout | undefined;
  const dirOf = (id: string): string => join(root, id);
  const secretId = (id: string, role: 'source' | 'target'): string => `replication:${id}:${role}`;

  async function summary(id: string): Promise<ReplicationTaskInfo> {
    const r = await load();
    const dir = dirOf(id);
    let task: { MigrationType?: string; SourceUrl?: string; TargetUrl?: string } = {};
    try { task = JSON.parse(readFileSync(join(dir, r.TASK_FILE), 'utf8')) as typeof task; } catch { /* shown as unknown */ }
    const s = r.readState(dir);
    const child = children.get(id);
    const running = (!!child && child.exitCode === null && child.signalCode === null)
      || (!!s.pid && ['starting', 'running', 'stopping'].includes(s.status) && pidAlive(s.pid));
    return {
      id, type: task.MigrationType ?? '?', source: task.SourceUrl ?? '?', target: task.TargetUrl ?? '?',
      status: s.status === 'running' && !running ? 'stopped' : s.status, running,
      ...(s.phase ? { phase: s.phase } : {}), ...(s.lastError ? { lastError: s.lastError } : {}), ...(s.updatedAt ? { updatedAt: s.updatedAt } : {}),
      notes: s.notes ?? [],
      tables: Object.entries(s.tables).map(([table, t]) => ({
        table, target: t.target, state: t.state, fullLoadRows: t.fullLoadRows, inserts: t.inserts, updates: t.updates, deletes: t.deletes, ddls: t.ddls,
        ...(t.lagMs !== undefined ? { lagMs: t.lagMs } : {}), ...(t.lastError ? { lastError: t.lastError } : {}),
      })),
    };
  }

  function mustExist(id: string): string {
    const dir = dirOf(id);
    if (!existsSync(join(dir, 'task.json'))) throw new ContractError('NOT_FOUND', `no replication task ${id}`);
    return dir;
  }

  async function env(id: string): Promise<NodeJS.ProcessEnv> {
    const e: NodeJS.ProcessEnv = { ...process.env };
    const sp = await host.secrets.get(secretId(id, 'source'));
    const tp = await host.secrets.get(secretId(id, 'target'));
    if (sp !== undefined) e.DBSHIFT_SOURCE_PASSWORD = sp;
    if (tp !== undefined) e.DBSHIFT_TARGET_PASSWORD = tp;
    // Inside the desktop app process.execPath is Electron: run it as plain Node for the CLI.
    if (process.versions.electron) e.ELECTRON_RUN_AS_NODE = '1';
    return e;
  }

  const emitChanged = async (id: string): Promise<void> => {
    if (!existsSync(dirOf(id))) return;
    host.emit('replication.changed', { task: await summary(id) });
  };

  function watch(): void {
    if (timer) return;
    timer = setInterval(() => {
      for (const id of children.keys()) void emitChanged(id).catch(() => undefined);
      if (children.size === 0) { clearInterval(timer); timer = undefined; }
    }, 1000);
  }

  async function run(id: string, verb: 'start' | 'resume'): Promise<ReplicationTaskInfo> {
    const dir = mustExist(id);
    const now = await summary(id);
    if (now.running) throw new ContractError('FAILED', `task ${id} is already running`, 'stop it first');
    const cli = cliCommand();
    const child = spawn(cli.command, [...cli.args, 'replicate', verb, dir, '--quiet'], { stdio: 'ignore', env: await env(id), ...(cli.cwd ? { cwd: cli.cwd } : {}) });
    children.set(id, child);
    child.on('error', () => { children.delete(id); });
    child.on('exit', () => {
      if (children.get(id) === child) children.delete(id);
      void emitChanged(id).catch(() => undefined);
    });
    watch();
    // The first state.json the child writes says `starting`; until then the task is shown as such.
    const s = await summary(id);
    return { ...s, running: true, status: s.status === 'created' || s.status === 'stopped' || s.status === 'failed' || s.status === 'completed' ? 'starting' : s.status };
  }

  /** Runs `dbshift replicate VERB DIR`; exit codes in `accept` are results (validate's 4), others errors. */
  async function cliOnce(id: string, verb: string, accept: number[] = [0]): Promise<{ code: number; out: string }> {
    const cli = cliCommand();
    const child = spawn(cli.command, [...cli.args, 'replicate', verb, dirOf(id), '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'], env: await env(id), ...(cli.cwd ? { cwd: cli.cwd } : {}) });
    let err = '';
    let out = '';
    child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    const code = await new Promise<number>((res) => { child.on('exit', (c) => res(c ?? 1)); child.on('error', () => res(1)); });
    if (!accept.includes(code)) throw new ContractError('FAILED', `replicate ${verb} ${id}: ${err.trim().split('\n').pop() || `exit code ${code}`}`);
    return { code, out };
  }

  const handlers = {
    'replication.list': async (): Promise<Result<'replication.list'>> => {
      let ids: string[] = [];
      try { ids = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'task.json'))).map((d) => d.name).sort(); } catch { /* none yet */ }
      return { folder: root, tasks: await Promise.all(ids.map(summary)) };
    },
    'replication.create': async (q: ParsedParams<'replication.create'>): Promise<Result<'replication.create'>> => {
      const r = await load();
      const problems: TaskFileProblem[] = [];
      const read = async (path: string | undefined, file: string): Promise<string | undefined> => {
        if (!path) return undefined;
        try { return await readFile(path, 'utf8'); } catch { problems.push({ file, path: '(file)', message: `cannot read ${path}` }); return undefined; }
      };
      const settingsText = await read(q.settingsPath, r.SETTINGS_FILE);
      const mappingsText = await read(q.mappingsPath, r.MAPPINGS_FILE);
      if (problems.length) return { problems, notes: [] };
      if (existsSync(join(dirOf(q.id), r.TASK_FILE))) throw new ContractError('FAILED', `a task named ${q.id} exists already`, 'pick another name or delete that task');
      // Every file is checked (not only the first with a problem), so the user sees all at once.
      const check = (file: string, f: () => unknown): void => {
        try { f(); } catch (e) { if (e instanceof r.TaskDefinitionError) problems.push(...problemsOf(e.file, e.problems)); else throw e; }
      };
      check(r.TASK_FILE, () => r.parseTaskFile(JSON.stringify({ ReplicationTaskIdentifier: q.id, MigrationType: q.type, SourceUrl: q.sourceUrl, TargetUrl: q.targetUrl })));
      if (settingsText !== undefined) check(r.SETTINGS_FILE, () => r.parseTaskSettings(settingsText));
      if (mappingsText !== undefined) check(r.MAPPINGS_FILE, () => r.parseTableMappings(mappingsText));
      if (problems.length) return { problems, notes: [] };
      const res = r.createTask(dirOf(q.id), {
        id: q.id, type: q.type, sourceUrl: q.sourceUrl, targetUrl: q.targetUrl,
        ...(settingsText !== undefined ? { settingsText } : {}), ...(mappingsText !== undefined ? { mappingsText } : {}),
      });
      if (q.sourcePassword) await host.secrets.set(secretId(q.id, 'source'), q.sourcePassword);
      if (q.targetPassword) await host.secrets.set(secretId(q.id, 'target'), q.targetPassword);
      return { task: await summary(q.id), problems: [], notes: res.notImplemented };
    },
    'replication.start': async (q: ParsedParams<'replication.start'>) => run(q.id, 'start'),
    'replication.resume': async (q: ParsedParams<'replication.resume'>) => run(q.id, 'resume'),
    'replication.stop': async (q: ParsedParams<'replication.stop'>): Promise<ReplicationTaskInfo> => {
      const r = await load();
      const dir = mustExist(q.id);
      await r.stopTask(dir);
      const child = children.get(q.id);
      if (child && child.exitCode === null && child.signalCode === null) {
        // Not yet past its first state.json (no pid to signal there): stop the process itself.
        const exited = new Promise((res) => child.once('exit', res));
        child.kill('SIGTERM');
        await exited;
      }
      const s = await summary(q.id);
      host.emit('replication.changed', { task: s });
      return s;
    },
    'replication.delete': async (q: ParsedParams<'replication.delete'>): Promise<Result<'replication.delete'>> => {
      mustExist(q.id);
      await cliOnce(q.id, 'delete');
      return { deleted: !existsSync(dirOf(q.id)) };
    },
    'replication.validate': async (q: ParsedParams<'replication.validate'>): Promise<Result<'replication.validate'>> => {
      mustExist(q.id);
      const r = await cliOnce(q.id, 'validate', [0, 4]);
      return { identical: r.code === 0, lines: r.out.split('\n').filter(Boolean) };
    },
    'replication.log': async (q: ParsedParams<'replication.log'>): Promise<Result<'replication.log'>> => {
      const r = await load();
      return { lines: r.taskLog(mustExist(q.id), q.tail) };
    },
  };

  return {
    handlers,
    /** Tasks this workbench started stop with it (resume continues them from their saved position). */
    close(): void {
      if (timer) clearInterval(timer);
      for (const c of children.values()) if (c.exitCode === null && c.signalCode === null && c.pid) c.kill('SIGTERM');
    },
  };
}

function pidAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}
