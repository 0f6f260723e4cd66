// AWS DMS export: the task's own settings and mappings as DMS reads them, plus the
// `aws dms create-replication-task` command that uses them. The JSON is the parsed definition
// (defaults dbshift assumed are written out, so DMS does what dbshift would do).
import type { TaskDefinition } from '../task/index.js';

export interface DmsArns {
  sourceEndpointArn?: string;
  targetEndpointArn?: string;
  replicationInstanceArn?: string;
}

export const ARN_PLACEHOLDERS = {
  sourceEndpointArn: 'REPLACE_WITH_SOURCE_ENDPOINT_ARN',
  targetEndpointArn: 'REPLACE_WITH_TARGET_ENDPOINT_ARN',
  replicationInstanceArn: 'REPLACE_WITH_REPLICATION_INSTANCE_ARN',
} as const;

export interface DmsExport { files: Record<string, string>; placeholders: string[] }

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The CreateReplicationTask request (same names as the SDK input type) for this definition. */
export function createReplicationTaskInput(def: TaskDefinition, arns: DmsArns = {}): {
  ReplicationTaskIdentifier: string; SourceEndpointArn: string; TargetEndpointArn: string; ReplicationInstanceArn: string;
  MigrationType: TaskDefinition['task']['MigrationType']; TableMappings: string; ReplicationTaskSettings: string;
} {
  return {
    ReplicationTaskIdentifier: def.task.ReplicationTaskIdentifier,
    SourceEndpointArn: arns.sourceEndpointArn ?? ARN_PLACEHOLDERS.sourceEndpointArn,
    TargetEndpointArn: arns.targetEndpointArn ?? ARN_PLACEHOLDERS.targetEndpointArn,
    ReplicationInstanceArn: arns.replicationInstanceArn ?? ARN_PLACEHOLDERS.replicationInstanceArn,
    MigrationType: def.task.MigrationType,
    TableMappings: `${JSON.stringify(def.mappings, null, 2)}\n`,
    ReplicationTaskSettings: `${JSON.stringify(def.settings, null, 2)}\n`,
  };
}

export function awsDmsExport(def: TaskDefinition, arns: DmsArns = {}): DmsExport {
  const input = createReplicationTaskInput(def, arns);
  const placeholders = (Object.keys(ARN_PLACEHOLDERS) as (keyof DmsArns)[]).filter((k) => !arns[k]).map((k) => ARN_PLACEHOLDERS[k]);
  const script = [
    '#!/bin/sh',
    `# Creates the DMS task "${def.task.ReplicationTaskIdentifier}" from the files beside this script (written by dbshift replicate export).`,
    ...(placeholders.length ? [`# Replace ${placeholders.join(', ')} with the ARNs of your endpoints and replication instance first.`] : []),
    '# The endpoints hold the connection details; no password is in these files.',
    'set -e',
    'cd "$(dirname "$0")"',
    'aws dms create-replication-task \\',
    `  --replication-task-identifier ${shellQuote(input.ReplicationTaskIdentifier)} \\`,
    `  --source-endpoint-arn ${shellQuote(input.SourceEndpointArn)} \\`,
    `  --target-endpoint-arn ${shellQuote(input.TargetEndpointArn)} \\`,
    `  --replication-instance-arn ${shellQuote(input.ReplicationInstanceArn)} \\`,
    `  --migration-type ${input.MigrationType} \\`,
    '  --table-mappings file://table_mappings.json \\',
    '  --replication-task-settings file://task_settings.json',
    '',
  ].join('\n');
  return {
    files: { 'task_settings.json': input.ReplicationTaskSettings, 'table_mappings.json': input.TableMappings, 'create-replication-task.sh': script },
    placeholders,
  };
}
