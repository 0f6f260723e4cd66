// `replicate export --aws-dms OUTDIR --create`: the SDK's CreateReplicationTask request is built from
// our definition, carries exactly the exported files, and is what goes on the wire (the real SDK
// client with a request handler that answers instead of the network: nothing leaves the machine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DatabaseMigrationServiceClient } from '@aws-sdk/client-database-migration-service';
import { createTask } from '../../../electron/node/replication/index.js';
import { loadTaskDefinition } from '../../../electron/node/replication/task/index.js';
import { exportAwsDms } from '../../../electron/node/replication/export/index.js';
import { createOnAws, createTaskCommand, dmsClient, DmsCreateError } from '../../../electron/node/replication/export/aws-create.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/dms/${name}`, import.meta.url), 'utf8');
const ARNS = {
  sourceEndpointArn: 'arn:aws:dms:eu-west-1:123456789012:endpoint:SRCABCDEF',
  targetEndpointArn: 'arn:aws:dms:eu-west-1:123456789012:endpoint:TGTABCDEF',
  replicationInstanceArn: 'arn:aws:dms:eu-west-1:123456789012:rep:INSTABCDEF',
};

async function fixtureTask(): Promise<{ root: string; dir: string }> {
  const root = mkdtempSync(join(tmpdir(), 'dbshift-dms-create-'));
  const dir = join(root, 'task');
  createTask(dir, {
    id: 'shop-task', type: 'full-load-and-cdc', sourceUrl: 'mysql://app@db.example:3307/shop', targetUrl: 'postgres://app@pg.example/shopdb',
    settingsText: fixture('task_settings.json'), mappingsText: fixture('table_mappings.json'),
  });
  return { root, dir };
}

interface Captured { method: string; hostname: string; path: string; headers: Record<string, string>; body: string }

/** The SDK client as configured for a user, whose HTTP handler records the request and answers `reply`. */
function offlineClient(reply: { status: number; body: unknown }, seen: Captured[]): DatabaseMigrationServiceClient {
  return new DatabaseMigrationServiceClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-real-secret' },
    maxAttempts: 1,
    requestHandler: {
      async handle(req: { method: string; hostname: string; path: string; headers: Record<string, string>; body?: unknown }) {
        seen.push({ method: req.method, hostname: req.hostname, path: req.path, headers: req.headers, body: String(req.body ?? '') });
        return { response: { statusCode: reply.status, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: Readable.from([Buffer.from(JSON.stringify(reply.body))]) } };
      },
    } as never,
  });
}

test('the CreateReplicationTask input is our definition and matches the exported files byte for byte', async () => {
  const { root, dir } = await fixtureTask();
  try {
    const def = await loadTaskDefinition(dir);
    const out = join(root, 'dms');
    await exportAwsDms(dir, out, ARNS);
    const input = createTaskCommand(def, ARNS).input;
    assert.equal(input.ReplicationTaskIdentifier, 'shop-task');
    assert.equal(input.MigrationType, 'full-load-and-cdc');
    assert.equal(input.SourceEndpointArn, ARNS.sourceEndpointArn);
    assert.equal(input.TargetEndpointArn, ARNS.targetEndpointArn);
    assert.equal(input.ReplicationInstanceArn, ARNS.replicationInstanceArn);
    assert.equal(input.TableMappings, readFileSync(join(out, 'table_mappings.json'), 'utf8'));
    assert.equal(input.ReplicationTaskSettings, readFileSync(join(out, 'task_settings.json'), 'utf8'));
    // The script passes the same identifier, ARNs and type.
    const sh = readFileSync(join(out, 'create-replication-task.sh'), 'utf8');
    for (const v of [input.ReplicationTaskIdentifier, input.SourceEndpointArn, input.TargetEndpointArn, input.ReplicationInstanceArn]) assert.ok(sh.includes(`'${v}'`), v);
    assert.ok(sh.includes(`--migration-type ${input.MigrationType}`));
    // The fixture's own JSON survives the trip (DMS reads what the user wrote, with our defaults spelled out).
    assert.deepEqual(JSON.parse(input.TableMappings!), JSON.parse(fixture('table_mappings.json')));
    assert.equal(JSON.parse(input.ReplicationTaskSettings!).FullLoadSettings.MaxFullLoadSubTasks, 8);
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test('the request on the wire: DMS JSON 1.1 protocol, signed, to the region\'s endpoint; the reply is read', async () => {
  const { root, dir } = await fixtureTask();
  try {
    const def = await loadTaskDefinition(dir);
    const seen: Captured[] = [];
    const arn = 'arn:aws:dms:eu-west-1:123456789012:task:NEWTASK';
    const created = await createOnAws(def, ARNS, offlineClient({ status: 200, body: { ReplicationTask: { ReplicationTaskArn: arn, Status: 'creating' } } }, seen));
    assert.deepEqual(created, { arn, status: 'creating' });
    assert.equal(seen.length, 1);
    const r = seen[0]!;
    assert.equal(r.method, 'POST');
    assert.equal(r.hostname, 'dms.eu-west-1.amazonaws.com');
    assert.equal(r.headers['x-amz-target'], 'AmazonDMSv20160101.CreateReplicationTask');
    assert.match(r.headers['content-type'] ?? '', /application\/x-amz-json-1\.1/);
    assert.match(r.headers.authorization ?? '', /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/dms\/aws4_request/);
    assert.deepEqual(JSON.parse(r.body), createTaskCommand(def, ARNS).input);
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test('refusals: missing or malformed ARNs before any request; an AWS error is one clear line', async () => {
  const { root, dir } = await fixtureTask();
  try {
    const def = await loadTaskDefinition(dir);
    assert.throws(() => createTaskCommand(def, { sourceEndpointArn: ARNS.sourceEndpointArn }), (e: unknown) => e instanceof DmsCreateError && /--target-endpoint-arn, --replication-instance-arn/.test(e.message));
    assert.throws(() => createTaskCommand(def, { ...ARNS, targetEndpointArn: 'REPLACE_WITH_TARGET_ENDPOINT_ARN' }), /--target-endpoint-arn REPLACE_WITH_TARGET_ENDPOINT_ARN is not a DMS ARN/);
    const seen: Captured[] = [];
    await assert.rejects(
      createOnAws(def, ARNS, offlineClient({ status: 400, body: { __type: 'ResourceAlreadyExistsFault', message: 'ReplicationTaskIdentifier shop-task already exists' } }, seen)),
      /AWS DMS refused CreateReplicationTask: ResourceAlreadyExistsFault: ReplicationTaskIdentifier shop-task already exists/,
    );
    // No credentials anywhere in the chain: said as such, not as a DMS refusal; nothing was sent.
    const noCreds = new DatabaseMigrationServiceClient({
      region: 'eu-west-1', maxAttempts: 1,
      credentials: async () => { const e = new Error('Could not load credentials from any providers'); e.name = 'CredentialsProviderError'; throw e; },
      requestHandler: { handle: async () => { throw new Error('no request may be sent'); } } as never,
    });
    await assert.rejects(createOnAws(def, ARNS, noCreds), /^DmsCreateError: no usable AWS credentials \(CredentialsProviderError: .*--profile/);
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test('the client takes a named profile and the region of the ARNs when none is given', async () => {
  const saved = process.env.AWS_REGION;
  delete process.env.AWS_REGION;
  try {
    const c = dmsClient({ profile: 'migration' }, ARNS);
    assert.equal(await c.config.region(), 'eu-west-1');
    assert.equal((c.config as { profile?: string }).profile, 'migration');
    assert.equal(await dmsClient({ region: 'us-east-2' }, ARNS).config.region(), 'us-east-2');
  } finally { if (saved !== undefined) process.env.AWS_REGION = saved; }
});

test('the CLI: --create without the ARNs is refused after the files are written; without credentials it says so (no request leaves)', async () => {
  const { root, dir } = await fixtureTask();
  const { spawnSync } = await import('node:child_process');
  const cliMain = new URL('../../../electron/node/cli/main.ts', import.meta.url).pathname;
  // Only variables unrelated to AWS: no key, profile or config of this machine can be used.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  Object.assign(env, { AWS_CONFIG_FILE: join(root, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(root, 'none'), AWS_EC2_METADATA_DISABLED: 'true' });
  const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cliMain, 'replicate', 'export', dir, ...args], { env, encoding: 'utf8', timeout: 60_000 });
  try {
    const out = join(root, 'dms');
    const a = run(['--aws-dms', out, '--create', '--source-endpoint-arn', ARNS.sourceEndpointArn]);
    assert.notEqual(a.status, 0);
    assert.match(a.stderr, /--create needs --target-endpoint-arn, --replication-instance-arn/);
    assert.match(a.stderr, /the files were written/);
    assert.ok(readFileSync(join(out, 'task_settings.json'), 'utf8').length > 0);
    const b = run(['--aws-dms', out, '--create', '--source-endpoint-arn', ARNS.sourceEndpointArn, '--target-endpoint-arn', ARNS.targetEndpointArn,
      '--replication-instance-arn', ARNS.replicationInstanceArn, '--profile', 'no-such-profile']);
    assert.notEqual(b.status, 0);
    assert.match(b.stderr, /no usable AWS credentials/);
    const c = run(['--debezium', join(root, 'dbz'), '--create']);
    assert.match(c.stderr, /--create goes with --aws-dms OUTDIR/);
  } finally { rmSync(root, { recursive: true, force: true }); }
});
