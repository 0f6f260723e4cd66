// Which source tables a task moves and what they are called on the target, by the DMS rules:
// % matches any run of characters (and _ is literal, as DMS documents), later include/exclude
// rules win over earlier ones, one transformation per object.
import type { SelectionRule, TableMappings, TableSettingsRule, TransformationRule } from './mappings.js';

export function wildcard(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.split('%').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
  return re.test(name);
}

export interface SourceTableName { schema: string; table: string }

export function isSelected(m: TableMappings, t: SourceTableName): boolean {
  let selected = false;
  for (const r of m.rules) {
    if (r['rule-type'] !== 'selection') continue;
    const sel = r as SelectionRule;
    const loc = sel['object-locator'];
    if (!wildcard(loc['schema-name'], t.schema) || !wildcard(loc['table-name'], t.table)) continue;
    if (sel['rule-action'] === 'exclude') return false;
    selected = true;
  }
  return selected;
}

function transformName(r: TransformationRule, name: string): string {
  const v = r.value ?? '';
  const old = r['old-value'] ?? '';
  switch (r['rule-action']) {
    case 'rename': return v;
    case 'convert-lowercase': return name.toLowerCase();
    case 'convert-uppercase': return name.toUpperCase();
    case 'add-prefix': return v + name;
    case 'remove-prefix': return name.startsWith(v) ? name.slice(v.length) : name;
    case 'replace-prefix': return name.startsWith(old) ? v + name.slice(old.length) : name;
    case 'add-suffix': return name + v;
    case 'remove-suffix': return name.endsWith(v) ? name.slice(0, name.length - v.length) : name;
    case 'replace-suffix': return name.endsWith(old) ? name.slice(0, name.length - old.length) + v : name;
    case 'remove-column': case 'add-column': return name;
  }
}

function transformations(m: TableMappings): TransformationRule[] {
  return m.rules.filter((r): r is TransformationRule => r['rule-type'] === 'transformation');
}

/** The first transformation for this target level whose locator matches (DMS allows one per object). */
function firstFor(m: TableMappings, target: 'schema' | 'table' | 'column', t: SourceTableName, column?: string, skip: (r: TransformationRule) => boolean = () => false): TransformationRule | undefined {
  return transformations(m).find((r) => {
    if (r['rule-target'] !== target || skip(r)) return false;
    const loc = r['object-locator'];
    if (!wildcard(loc['schema-name'], t.schema)) return false;
    if (target !== 'schema' && !wildcard(loc['table-name'] ?? '%', t.table)) return false;
    if (target === 'column' && !wildcard(loc['column-name'] ?? '%', column ?? '')) return false;
    return true;
  });
}

const structural = (r: TransformationRule): boolean => r['rule-action'] === 'remove-column' || r['rule-action'] === 'add-column';

export function targetSchemaName(m: TableMappings, t: SourceTableName): string {
  const r = firstFor(m, 'schema', t);
  return r ? transformName(r, t.schema) : t.schema;
}

export function targetTableName(m: TableMappings, t: SourceTableName): string {
  const r = firstFor(m, 'table', t);
  return r ? transformName(r, t.table) : t.table;
}

/** Target name of a source column, or undefined when a remove-column rule drops it. */
export function targetColumnName(m: TableMappings, t: SourceTableName, column: string): string | undefined {
  const removed = transformations(m).some((r) => r['rule-action'] === 'remove-column' && wildcard(r['object-locator']['schema-name'], t.schema)
    && wildcard(r['object-locator']['table-name'] ?? '%', t.table) && wildcard(r['object-locator']['column-name'] ?? '%', column));
  if (removed) return undefined;
  const r = firstFor(m, 'column', t, column, structural);
  return r ? transformName(r, column) : column;
}

export function addedColumns(m: TableMappings, t: SourceTableName): TransformationRule[] {
  return transformations(m).filter((r) => r['rule-action'] === 'add-column' && wildcard(r['object-locator']['schema-name'], t.schema)
    && wildcard(r['object-locator']['table-name'] ?? '%', t.table));
}

export function tableSettingsFor(m: TableMappings, t: SourceTableName): TableSettingsRule | undefined {
  return m.rules.find((r): r is TableSettingsRule => r['rule-type'] === 'table-settings'
    && r['object-locator']['schema-name'] === t.schema && r['object-locator']['table-name'] === t.table);
}
