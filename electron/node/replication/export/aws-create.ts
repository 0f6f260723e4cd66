// `dbshift replicate export --aws-dms OUTDIR --create`: the same CreateReplicationTask request the
// exported files describe, sent through the AWS SDK with the standard credential chain (env,
// shared config/credentials files, SSO, IMDS…) or a named profile. Not verified against AWS.
import {
  CreateReplicationTaskCommand, DatabaseMigrationServiceClient, type CreateReplicationTaskCommandInput,
} from '@aws-sdk/client-database-migration-service';
import type { TaskDefinition } from '../task/index.js';
import { ARN_PLACEHOLDERS, createReplicationTaskInput, type DmsArns } from './aws-dms.js';

export class DmsCreateError extends Error { override name = 'DmsCreateError'; }

const FLAGS: Record<keyof DmsArns, string> = {
  sourceEndpointArn: '--source-endpoint-arn', targetEndpointArn: '--target-endpoint-arn', replicationInstanceArn: '--replication-instance-arn',
};

/** The SDK command for this definition; every ARN must be given (placeholders are for the script only). */
export function createTaskCommand(def: TaskDefinition, arns: DmsArns): CreateReplicationTaskCommand {
  const missing = (Object.keys(ARN_PLACEHOLDERS) as (keyof DmsArns)[]).filter((k) => !arns[k]);
  if (missing.length) throw new DmsCreateError(`--create needs ${missing.map((k) => FLAGS[k]).join(', ')} (the ARNs of the DMS endpoints and replication instance)`);
  for (const k of Object.keys(FLAGS) as (keyof DmsArns)[]) {
    if (!/^arn:aws[a-z-]*:dms:[a-z0-9-]+:\d{12}:[a-z-]+:[A-Za-z0-9-]+$/.test(arns[k]!)) throw new DmsCreateError(`${FLAGS[k]} ${arns[k]} is not a DMS ARN (arn:aws:dms:REGION:ACCOUNT:endpoint|rep:ID)`);
  }
  // Typed as the SDK's input: a field we build that DMS does not take fails the build.
  const input: CreateReplicationTaskCommandInput = createReplicationTaskInput(def, arns);
  return new CreateReplicationTaskCommand(input);
}

export interface DmsClientOptions {
  /** A profile of ~/.aws/config and ~/.aws/credentials; absent = the default chain (AWS_PROFILE, env keys, SSO, instance role…). */
  profile?: string;
  /** Absent = AWS_REGION / the profile's region; the ARNs name one too. */
  region?: string;
}

export function dmsClient(o: DmsClientOptions, arns: DmsArns): DatabaseMigrationServiceClient {
  const region = o.region ?? process.env.AWS_REGION ?? /^arn:aws[a-z-]*:dms:([a-z0-9-]+):/.exec(arns.replicationInstanceArn ?? '')?.[1];
  return new DatabaseMigrationServiceClient({ ...(o.profile ? { profile: o.profile } : {}), ...(region ? { region } : {}) });
}

export interface CreatedTask { arn: string; status: string }

export async function createOnAws(def: TaskDefinition, arns: DmsArns, client: Pick<DatabaseMigrationServiceClient, 'send'>): Promise<CreatedTask> {
  const cmd = createTaskCommand(def, arns);
  let out;
  try { out = await client.send(cmd); } catch (e) {
    const name = (e as { name?: string }).name ?? 'Error';
    const msg = e instanceof Error ? e.message : String(e);
    if (/Credential|Token|SSO/i.test(name)) throw new DmsCreateError(`no usable AWS credentials (${name}: ${msg}): set AWS_PROFILE or --profile, or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY`);
    throw new DmsCreateError(`AWS DMS refused CreateReplicationTask: ${name}: ${msg}`);
  }
  return { arn: out.ReplicationTask?.ReplicationTaskArn ?? '(no ARN returned)', status: out.ReplicationTask?.Status ?? 'unknown' };
}
