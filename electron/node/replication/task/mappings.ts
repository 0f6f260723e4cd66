// AWS DMS table mappings JSON: selection, transformation and table-settings rules, with the
// documented field names. Filters and the rule actions dbshift does not implement are rejected
// by name: a silently ignored filter or masking rule would move the wrong data.
import { z } from 'zod';

const ruleId = z.union([z.string().min(1), z.number().int()]).transform(String);

const Locator = z.strictObject({
  'schema-name': z.string().min(1),
  'table-name': z.string().min(1).optional(),
  'table-type': z.enum(['table', 'view', 'all']).optional(),
  'column-name': z.string().min(1).optional(),
  'data-type': z.string().optional(),
  'index-tablespace-name': z.string().optional(),
  'table-tablespace-name': z.string().optional(),
});

const Selection = z.strictObject({
  'rule-type': z.literal('selection'),
  'rule-id': ruleId,
  'rule-name': ruleId,
  'object-locator': Locator.extend({ 'table-name': z.string().min(1) }),
  'rule-action': z.enum(['include', 'exclude', 'explicit']),
  'load-order': z.number().int().optional(),
  filters: z.array(z.unknown()).max(0, 'source filters are not implemented yet: remove them or filter after the load').optional(),
});

const DataType = z.strictObject({
  type: z.enum(['string', 'wstring', 'int1', 'int2', 'int4', 'int8', 'uint1', 'uint2', 'uint4', 'uint8', 'numeric', 'real4', 'real8', 'boolean', 'date', 'time', 'datetime', 'clob', 'nclob', 'blob', 'bytes']),
  length: z.number().int().min(1).optional(),
  precision: z.number().int().min(1).optional(),
  scale: z.number().int().min(0).optional(),
});

export const TRANSFORM_ACTIONS = [
  'rename', 'convert-lowercase', 'convert-uppercase', 'add-prefix', 'remove-prefix', 'replace-prefix',
  'add-suffix', 'remove-suffix', 'replace-suffix', 'remove-column', 'add-column',
] as const;
export type TransformAction = (typeof TRANSFORM_ACTIONS)[number];

const Transformation = z.strictObject({
  'rule-type': z.literal('transformation'),
  'rule-id': ruleId,
  'rule-name': ruleId,
  'rule-action': z.enum(TRANSFORM_ACTIONS, { error: (i) => `rule-action ${JSON.stringify(i.input)} is not supported (supported: ${TRANSFORM_ACTIONS.join(', ')})` }),
  'rule-target': z.enum(['schema', 'table', 'column'], { error: (i) => `rule-target ${JSON.stringify(i.input)} is not supported (supported: schema, table, column)` }),
  'object-locator': Locator,
  value: z.string().nullable().optional(),
  'old-value': z.string().nullable().optional(),
  expression: z.string().optional(),
  'data-type': DataType.optional(),
}).superRefine((r, ctx) => {
  const a = r['rule-action'];
  const needsValue = ['rename', 'add-prefix', 'remove-prefix', 'replace-prefix', 'add-suffix', 'remove-suffix', 'replace-suffix', 'add-column'];
  if (needsValue.includes(a) && !r.value) ctx.addIssue({ code: 'custom', path: ['value'], message: `${a} needs a value` });
  if ((a === 'replace-prefix' || a === 'replace-suffix') && !r['old-value']) ctx.addIssue({ code: 'custom', path: ['old-value'], message: `${a} needs old-value` });
  if ((a === 'remove-column' || a === 'add-column') && r['rule-target'] !== 'column') ctx.addIssue({ code: 'custom', path: ['rule-target'], message: `${a} applies to rule-target column` });
  if (a === 'add-column' && !r['data-type']) ctx.addIssue({ code: 'custom', path: ['data-type'], message: 'add-column needs a data-type' });
  if (a === 'add-column' && !r.expression) ctx.addIssue({ code: 'custom', path: ['expression'], message: 'add-column needs an expression (e.g. "$FIRST_NAME||\' \'||$LAST_NAME" or "\'constant\'")' });
  if (r['rule-target'] !== 'schema' && !r['object-locator']['table-name']) ctx.addIssue({ code: 'custom', path: ['object-locator', 'table-name'], message: `rule-target ${r['rule-target']} needs table-name` });
  if (r['rule-target'] === 'column' && a !== 'add-column' && !r['object-locator']['column-name']) ctx.addIssue({ code: 'custom', path: ['object-locator', 'column-name'], message: 'rule-target column needs column-name' });
});

const ParallelLoad = z.strictObject({
  type: z.enum(['ranges', 'none', 'partitions-auto', 'subpartitions-auto', 'partitions-list']),
  columns: z.array(z.string().min(1)).optional(),
  boundaries: z.array(z.array(z.union([z.string(), z.number()]))).optional(),
  partitions: z.array(z.string()).optional(),
  subpartitions: z.array(z.string()).optional(),
}).superRefine((p, ctx) => {
  if (p.type === 'ranges') {
    if (!p.columns?.length) ctx.addIssue({ code: 'custom', path: ['columns'], message: 'ranges needs columns' });
    if (!p.boundaries?.length) ctx.addIssue({ code: 'custom', path: ['boundaries'], message: 'ranges needs boundaries' });
    p.boundaries?.forEach((b, i) => {
      if (b.length !== p.columns?.length) ctx.addIssue({ code: 'custom', path: ['boundaries', i], message: `a boundary needs one value per column (${p.columns?.length ?? 0})` });
    });
  }
});

const TableSettings = z.strictObject({
  'rule-type': z.literal('table-settings'),
  'rule-id': ruleId,
  'rule-name': ruleId,
  'object-locator': z.strictObject({ 'schema-name': z.string().min(1), 'table-name': z.string().min(1) }),
  'parallel-load': ParallelLoad.optional(),
  'lob-settings': z.strictObject({
    mode: z.enum(['limited', 'unlimited', 'none']),
    'bulk-max-size': z.union([z.string(), z.number()]).optional(),
    'inline-max-size': z.union([z.string(), z.number()]).optional(),
  }).optional(),
});

const Rule = z.discriminatedUnion('rule-type', [Selection, Transformation, TableSettings], {
  error: (i) => (i.code === 'invalid_union' ? 'rule-type must be selection, transformation or table-settings' : undefined),
});

export const TableMappingsSchema = z.strictObject({ rules: z.array(Rule).min(1, 'at least one rule') }).superRefine((m, ctx) => {
  if (!m.rules.some((r) => r['rule-type'] === 'selection' && r['rule-action'] !== 'exclude')) {
    ctx.addIssue({ code: 'custom', path: ['rules'], message: 'no selection rule includes anything' });
  }
  const seen = new Map<string, number>();
  m.rules.forEach((r, i) => {
    const prev = seen.get(r['rule-id']);
    if (prev !== undefined) ctx.addIssue({ code: 'custom', path: ['rules', i, 'rule-id'], message: `rule-id ${r['rule-id']} already used by rules[${prev}]` });
    seen.set(r['rule-id'], i);
  });
});

export type TableMappings = z.output<typeof TableMappingsSchema>;
export type MappingRule = TableMappings['rules'][number];
export type SelectionRule = Extract<MappingRule, { 'rule-type': 'selection' }>;
export type TransformationRule = Extract<MappingRule, { 'rule-type': 'transformation' }>;
export type TableSettingsRule = Extract<MappingRule, { 'rule-type': 'table-settings' }>;
