// dbshift replicate create|start|resume|stop|delete|status|logs|validate DIR — replication tasks
// kept in a folder. The replication code (and its drivers) loads only when this command runs.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { UserError } from '../../pipeline/errors.js';
import { optionalString, requireString, type ParsedCommand } from '../args.js';
import type { CommandContext } from './convert.js';

export { REPLICATE_HELP, REPLICATE_OPTIONS } from './replicate-help.js';

type Replication = typeof import('../../replication/index.js');
const load = (): Promise<Replication> => import('../../replication/index.js');

function folder(p: ParsedCommand, verb: string): string {
  const dir = p.positionals[1];
  if (!dir || p.positionals.length > 2) throw new UserError(`replicate ${verb}: give exactly one task folder`, 'see: dbshift replicate --help');
  return dir;
}

async function readOptionalFile(path: string | undefined, what: string): Promise<string | undefined> {
  if (!path) return undefined;
  try { return await readFile(path, 'utf8'); } catch { throw new UserError(`replicate create: cannot read the ${what} file ${path}`); }
}

function detach(verb: 'start' | 'resume', dir: string, ctx: CommandContext): number {
  const script = process.argv[1]!;
  const child = spawn(process.execPath, [...process.execArgv, script, 'replicate', verb, dir, '--quiet'], { detached: true, stdio: 'ignore', env: process.env });
  child.unref();
  ctx.out.result(`started in the background, pid ${child.pid}; follow it with: dbshift replicate status ${dir}`);
  return 0;
}

function definitionError(r: Replication, e: unknown): never {
  if (e instanceof r.TaskDefinitionError) throw new UserError(`replicate: ${e.message}`, 'fix the file and run again');
  // The source is unreachable or not set up for capture: the message says what to change, no stack trace.
  if (e instanceof r.SourceSettingsError) throw new UserError(`replicate: ${e.message}`, 'fix the source (or the task URL) and run again');
  throw e;
}

async function runExport(p: ParsedCommand, dir: string, ctx: CommandContext): Promise<number> {
  const dms = optionalString(p, 'aws-dms');
  const dbz = optionalString(p, 'debezium');
  if (!dms && !dbz) throw new UserError('replicate export: say what to write: --aws-dms OUTDIR and/or --debezium OUTDIR', 'see: dbshift replicate --help');
  const x = await import('../../replication/export/index.js');
  const results = [];
  if (dms) {
    const arn = (k: string): string | undefined => optionalString(p, k);
    const arns = { sourceEndpointArn: arn('source-endpoint-arn'), targetEndpointArn: arn('target-endpoint-arn'), replicationInstanceArn: arn('replication-instance-arn') };
    const given = Object.fromEntries(Object.entries(arns).filter(([, v]) => v)) as typeof arns;
    results.push(await x.exportAwsDms(dir, dms, given));
    if (p.values.create === true) {
      const aws = await import('../../replication/export/aws-create.js');
      const def = await (await load()).loadTaskDefinition(dir);
      const profile = optionalString(p, 'profile');
      const region = optionalString(p, 'region');
      try {
        const cmd = aws.createTaskCommand(def, given);
        ctx.out.progress(`creating DMS task ${cmd.input.ReplicationTaskIdentifier}${profile ? ` with profile ${profile}` : ''}…`);
        const created = await aws.createOnAws(def, given, aws.dmsClient({ ...(profile ? { profile } : {}), ...(region ? { region } : {}) }, given));
        ctx.out.result(`created DMS task ${created.arn} (${created.status})`);
      } catch (e) {
        if (e instanceof aws.DmsCreateError) throw new UserError(`replicate export: ${e.message}`, 'the files were written; fix the flags or credentials and run again, or run create-replication-task.sh');
        throw e;
      }
    }
  } else if (p.values.create === true) {
    throw new UserError('replicate export: --create goes with --aws-dms OUTDIR');
  }
  if (dbz) {
    const sid = optionalString(p, 'server-id');
    const serverId = sid === undefined ? undefined : Number(sid);
    if (serverId !== undefined && !(Number.isInteger(serverId) && serverId > 0 && serverId < 2 ** 32)) throw new UserError(`replicate export: --server-id ${sid} is not a MySQL server id (1 … 4294967295)`);
    const bootstrap = optionalString(p, 'bootstrap-servers');
    results.push(await x.exportDebezium(dir, dbz, { ...(bootstrap ? { bootstrapServers: bootstrap } : {}), ...(serverId !== undefined ? { serverId } : {}) }));
  }
  for (const res of results) {
    for (const n of res.notes) ctx.out.warn(`note: ${n}`);
    for (const w of res.written) ctx.out.result(`wrote ${w}`);
  }
  return 0;
}

export async function runReplicate(p: ParsedCommand, ctx: CommandContext): Promise<number> {
  const verb = p.positionals[0];
  const verbs = ['create', 'start', 'resume', 'stop', 'delete', 'status', 'logs', 'validate', 'export'];
  if (!verb || !verbs.includes(verb)) throw new UserError(`replicate: ${verb ? `unknown action "${verb}"` : 'missing action'}`, `actions: ${verbs.join(', ')}; see: dbshift replicate --help`);
  const dir = folder(p, verb);
  const r = await load();
  if (verb === 'export') {
    try { return await runExport(p, dir, ctx); } catch (e) { if (e instanceof UserError) throw e; return definitionError(r, e); }
  }
  try {
    switch (verb) {
      case 'create': {
        const type = optionalString(p, 'type') ?? 'full-load-and-cdc';
        if (!(r.MIGRATION_TYPES as readonly string[]).includes(type)) throw new UserError(`replicate create: --type ${type} is not one of ${r.MIGRATION_TYPES.join(', ')}`);
        const settingsText = await readOptionalFile(optionalString(p, 'task-settings'), 'task settings');
        const mappingsText = await readOptionalFile(optionalString(p, 'table-mappings'), 'table mappings');
        const id = optionalString(p, 'id') ?? (dir.replace(/\/+$/, '').split('/').pop() ?? 'task').replace(/[^A-Za-z0-9-]/g, '-').replace(/^[^A-Za-z]+/, '') ?? 'task';
        const res = r.createTask(dir, {
          id: id || 'task', type: type as 'full-load' | 'cdc' | 'full-load-and-cdc',
          sourceUrl: requireString(p, 'source-url', 'replicate', 'say where to read: --source-url mysql://user@host:3306/db'),
          targetUrl: requireString(p, 'target-url', 'replicate', 'say where to write: --target-url postgres://user@host:5432/db'),
          ...(settingsText !== undefined ? { settingsText } : {}), ...(mappingsText !== undefined ? { mappingsText } : {}),
        });
        for (const n of res.notImplemented) ctx.out.warn(`note: ${n}`);
        ctx.out.result(`created task in ${dir}`);
        return 0;
      }
      case 'start': case 'resume': {
        if (p.values.detach === true) return detach(verb, dir, ctx);
        const outcome = await r.startTask(dir, { reload: verb === 'start', echo: (l) => ctx.out.progress(l) });
        ctx.out.result(`task ${outcome}`);
        return 0;
      }
      case 'stop': {
        const s = await r.stopTask(dir);
        ctx.out.result(`task ${s.status}`);
        return 0;
      }
      case 'delete': {
        await r.deleteTask(dir);
        ctx.out.result(`deleted ${dir}`);
        return 0;
      }
      case 'status': {
        const s = await r.taskStatus(dir);
        if (ctx.out.json) { ctx.out.resultJson(s); return 0; }
        ctx.out.result(`status ${s.status}${s.running ? ` (pid ${s.pid})` : ''}, phase ${s.phase ?? '-'}${s.lastError ? `, last error: ${s.lastError}` : ''}`);
        ctx.out.result('table                          state    full-load   inserts   updates   deletes  ddls  lag(ms)  last error');
        for (const [k, t] of Object.entries(s.tables)) {
          ctx.out.result(`${k.padEnd(30)} ${t.state.padEnd(8)} ${String(t.fullLoadRows).padStart(9)} ${String(t.inserts).padStart(9)} ${String(t.updates).padStart(9)} ${String(t.deletes).padStart(9)} ${String(t.ddls).padStart(5)} ${String(t.lagMs ?? '-').padStart(8)}  ${t.lastError ?? ''}`);
        }
        return 0;
      }
      case 'logs': {
        const tail = optionalString(p, 'tail');
        for (const l of r.taskLog(dir, tail ? Number(tail) : undefined)) ctx.out.result(l);
        return 0;
      }
      case 'validate': {
        const vs = await r.validate(dir);
        if (ctx.out.json) ctx.out.resultJson(vs);
        else for (const l of r.validationLines(vs)) ctx.out.result(l);
        return vs.every((v) => v.ok) ? 0 : 4;
      }
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    return definitionError(r, e);
  }
  return 2;
}
