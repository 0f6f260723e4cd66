// Options and help of `dbshift replicate` (no imports: args.ts and help.ts read them).
export const REPLICATE_OPTIONS = {
  'source-url': { type: 'string' }, 'target-url': { type: 'string' }, type: { type: 'string' }, id: { type: 'string' },
  'task-settings': { type: 'string' }, 'table-mappings': { type: 'string' }, detach: { type: 'boolean' }, tail: { type: 'string' },
  'aws-dms': { type: 'string' }, debezium: { type: 'string' }, 'source-endpoint-arn': { type: 'string' }, 'target-endpoint-arn': { type: 'string' },
  'replication-instance-arn': { type: 'string' }, 'bootstrap-servers': { type: 'string' }, 'server-id': { type: 'string' },
  create: { type: 'boolean' }, profile: { type: 'string' }, region: { type: 'string' },
} as const;

export const REPLICATE_HELP = `dbshift replicate — full load and change data capture (MariaDB/MySQL → PostgreSQL)

Usage:
  dbshift replicate create DIR --source-url mysql://… --target-url postgres://… [--type full-load-and-cdc]
                           [--id NAME] [--task-settings FILE] [--table-mappings FILE]
  dbshift replicate start DIR [--detach]     load from scratch (the saved position is forgotten), then capture
  dbshift replicate resume DIR [--detach]    go on from the position saved on the target
  dbshift replicate stop DIR                 stop after the current transaction batch
  dbshift replicate status DIR [--json]      phase and per-table statistics
  dbshift replicate logs DIR [--tail N]      the task log
  dbshift replicate validate DIR [--json]    compare source and target per key range (exit 4 on differences)
  dbshift replicate delete DIR               stop, drop the saved position, remove the folder (target tables stay)
  dbshift replicate export DIR --aws-dms OUTDIR [--source-endpoint-arn ARN] [--target-endpoint-arn ARN]
                           [--replication-instance-arn ARN]
                                             task_settings.json, table_mappings.json, create-replication-task.sh
  dbshift replicate export DIR --aws-dms OUTDIR --create --source-endpoint-arn ARN --target-endpoint-arn ARN
                           --replication-instance-arn ARN [--profile NAME] [--region REGION]
                                             also creates the task in AWS DMS (AWS SDK; standard credential
                                             chain, or the named profile of ~/.aws/config)
  dbshift replicate export DIR --debezium OUTDIR [--bootstrap-servers HOST:PORT] [--server-id N]
                                             Kafka Connect JSON: Debezium MySQL source + JDBC sink per schema

--type: full-load | cdc | full-load-and-cdc (default). --task-settings / --table-mappings take AWS DMS
task settings and table mappings JSON files unchanged; keys dbshift does not implement are listed.
Passwords never go into the task folder: use DBSHIFT_SOURCE_PASSWORD / DBSHIFT_TARGET_PASSWORD.
`;
