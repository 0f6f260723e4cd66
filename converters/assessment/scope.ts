import type { ObjectRef } from '../model/index.js';
import type { ActionItem, AssessmentScope } from './model.js';

const eq = (a: string | undefined, b: string | undefined): boolean => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/** Whether an object belongs to the scope. Types compare as report labels ('table', 'procedure' …). */
export function inScope(scope: AssessmentScope, ref: ObjectRef): boolean {
  switch (scope.kind) {
    case 'all': return true;
    case 'schema': return eq(ref.schema, scope.schema);
    case 'object':
      return eq(ref.name, scope.name)
        && (scope.schema === undefined || eq(ref.schema, scope.schema))
        && (scope.type === undefined || eq(ref.type.replace(/([a-z0-9])([A-Z])/g, '$1_$2'), scope.type));
  }
}

/** Findings tied to no object belong to the whole-source report only. */
export function itemInScope(scope: AssessmentScope, it: ActionItem): boolean {
  if (scope.kind === 'all') return true;
  return it.object !== null && inScope(scope, it.object);
}

/** 'shop' → schema shop; 'shop.orders' or 'table:shop.orders' → one object. */
export function parseScope(text: string | undefined): AssessmentScope {
  if (!text || text === '*') return { kind: 'all' };
  const m = /^(?:([a-z_]+):)?(.+)$/i.exec(text.trim())!;
  const type = m[1]?.toLowerCase();
  const path = m[2]!;
  const dot = path.lastIndexOf('.');
  if (!type && dot < 0) return { kind: 'schema', schema: path };
  const schema = dot < 0 ? undefined : path.slice(0, dot);
  const name = dot < 0 ? path : path.slice(dot + 1);
  return { kind: 'object', name, ...(schema ? { schema } : {}), ...(type ? { type } : {}) };
}

export function scopeText(scope: AssessmentScope): string {
  switch (scope.kind) {
    case 'all': return 'whole source';
    case 'schema': return `schema ${scope.schema}`;
    case 'object': return `${scope.type ?? 'object'} ${scope.schema ? `${scope.schema}.` : ''}${scope.name}`;
  }
}
