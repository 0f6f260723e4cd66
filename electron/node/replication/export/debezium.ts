// Debezium export: Kafka Connect configurations for a MySQL source connector and one Debezium
// JDBC sink per target schema. Passwords are never written: both refer to a Kafka config
// provider (${file:…}) that the Connect worker resolves. What the table mappings do that these
// connectors cannot express is returned as notes, never dropped silently.
import { parseConnectionUrl } from '../../connectors/url.js';
import { targetSchemaName, type SelectionRule, type TaskDefinition, type TransformationRule } from '../task/index.js';

export const SECRETS_FILE = '/etc/kafka-connect/dbshift-secrets.properties';

export interface ConnectorConfig { name: string; config: Record<string, string> }
export interface DebeziumOptions { bootstrapServers?: string; serverId?: number; secretsFile?: string }
export interface DebeziumExport { connectors: ConnectorConfig[]; notes: string[] }

/** DMS % wildcard (and literal _) → Java regex matching the whole name. */
export function wildcardRegex(pattern: string): string {
  return pattern.split('%').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
}

/** A stable MySQL replica server id from the task id, away from the usual small ids. */
export function serverIdFor(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 100000 + (h % 900000);
}

const alt = (xs: string[]): string => (xs.length === 1 ? xs[0]! : `(?:${xs.join('|')})`);

export function debeziumExport(def: TaskDefinition, o: DebeziumOptions = {}): DebeziumExport {
  const notes: string[] = [];
  const src = parseConnectionUrl(def.task.SourceUrl);
  const tgt = parseConnectionUrl(def.task.TargetUrl);
  if (src.engine !== 'mysql') notes.push(`source ${src.engine}: only the MySQL/MariaDB source connector is exported`);
  if (tgt.engine !== 'postgres') notes.push(`target ${tgt.engine}: the JDBC sink URL below is written for PostgreSQL`);
  const id = def.task.ReplicationTaskIdentifier;
  const prefix = id.replace(/[^A-Za-z0-9_]/g, '_');
  const secrets = o.secretsFile ?? SECRETS_FILE;
  const selections = def.mappings.rules.filter((r): r is SelectionRule => r['rule-type'] === 'selection');
  const full = (r: SelectionRule): string => `${wildcardRegex(r['object-locator']['schema-name'])}\\.${wildcardRegex(r['object-locator']['table-name'])}`;
  const includes = selections.filter((r) => r['rule-action'] !== 'exclude');
  const excludes = selections.filter((r) => r['rule-action'] === 'exclude');
  // Debezium forbids table.include.list together with table.exclude.list: excludes become a lookahead.
  const tableList = `${excludes.length ? `(?!${alt(excludes.map(full))}$)` : ''}${alt(includes.map(full))}`;
  const schemas = [...new Set(includes.map((r) => r['object-locator']['schema-name']))];
  const mode = def.task.MigrationType === 'cdc' ? 'no_data' : 'initial';
  if (def.task.MigrationType === 'full-load') notes.push('MigrationType full-load: Debezium has no load-only mode; the source connector snapshots then streams (stop it after the snapshot)');
  const source: ConnectorConfig = {
    name: `${id}-source`,
    config: {
      'connector.class': 'io.debezium.connector.mysql.MySqlConnector',
      'tasks.max': '1',
      'database.hostname': src.host ?? 'localhost',
      'database.port': String(src.port ?? 3306),
      'database.user': src.user ?? 'REPLACE_WITH_USER',
      'database.password': `\${file:${secrets}:source.password}`,
      'database.server.id': String(o.serverId ?? serverIdFor(id)),
      'topic.prefix': prefix,
      'database.include.list': schemas.map(wildcardRegex).join(','),
      'table.include.list': tableList,
      'snapshot.mode': mode,
      'include.schema.changes': 'false',
      'schema.history.internal.kafka.bootstrap.servers': o.bootstrapServers ?? 'REPLACE_WITH_KAFKA_BOOTSTRAP_SERVERS',
      'schema.history.internal.kafka.topic': `${prefix}.schema-history`,
    },
  };
  const connectors: ConnectorConfig[] = [source];
  const tparams = Object.entries(tgt.params).filter(([k]) => k !== 'password');
  for (const schema of schemas) {
    const targetSchema = schema.includes('%') ? 'public' : targetSchemaName(def.mappings, { schema, table: '' });
    if (schema.includes('%')) notes.push(`selection schema "${schema}" is a wildcard: its sink writes into schema public; write one sink per source schema to keep them apart`);
    const query = new URLSearchParams([...tparams, ['currentSchema', targetSchema]]).toString();
    connectors.push({
      name: `${id}-sink-${schema.replace(/[^A-Za-z0-9_-]/g, '_')}`,
      config: {
        'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
        'tasks.max': '1',
        'connection.url': `jdbc:postgresql://${tgt.host ?? 'localhost'}:${tgt.port ?? 5432}/${encodeURIComponent(tgt.database ?? '')}?${query}`,
        'connection.username': tgt.user ?? 'REPLACE_WITH_USER',
        'connection.password': `\${file:${secrets}:target.password}`,
        'topics.regex': `${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.${wildcardRegex(schema)}\\..*`,
        'insert.mode': 'upsert',
        'delete.enabled': 'true',
        'primary.key.mode': 'record_key',
        'schema.evolution': 'basic',
        // Topics are prefix.schema.table: route to the table name; the schema comes from currentSchema.
        'transforms': 'table',
        'transforms.table.type': 'org.apache.kafka.connect.transforms.RegexRouter',
        'transforms.table.regex': '[^.]+\\.[^.]+\\.(.+)',
        'transforms.table.replacement': '$1',
        'table.name.format': '${topic}',
      },
    });
  }
  for (const r of def.mappings.rules) {
    if (r['rule-type'] === 'transformation') {
      const t = r as TransformationRule;
      if (t['rule-target'] === 'schema' && t['rule-action'] === 'rename') continue; // carried by currentSchema
      notes.push(`rule ${t['rule-id']} (${t['rule-action']} ${t['rule-target']}): not expressed in the Kafka Connect configs; apply it with an SMT or on the target`);
    } else if (r['rule-type'] === 'table-settings') {
      notes.push(`rule ${r['rule-id']} (table-settings): Debezium snapshots each table on one connection; not carried over`);
    }
  }
  if (!o.bootstrapServers) notes.push('schema.history.internal.kafka.bootstrap.servers: set it to your Kafka brokers (--bootstrap-servers)');
  return { connectors, notes };
}

export function debeziumReadme(secrets = SECRETS_FILE): string {
  return [
    'Kafka Connect configurations written by dbshift replicate export --debezium.',
    'POST each *.json to the Connect REST API (curl -X POST -H "Content-Type: application/json" --data @FILE http://connect:8083/connectors).',
    '',
    'Passwords are not in these files. The connectors read them through the Kafka file config provider;',
    'add to the Connect worker configuration:',
    '  config.providers=file',
    '  config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider',
    `and create ${secrets} (readable by the worker only) with:`,
    '  source.password=…',
    '  target.password=…',
    '',
    'Not verified against a live Kafka Connect here.',
    '',
  ].join('\n');
}
