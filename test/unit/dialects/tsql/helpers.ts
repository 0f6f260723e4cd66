import type { Block, CatalogObject, Diagnostic, Routine, Statement } from '../../../../converters/model/index.js';
import { tsqlFrontEnd } from '../../../../converters/dialects/tsql/index.js';

export function parse(text: string, variables?: Record<string, string>) {
  const r = tsqlFrontEnd.parse([{ path: 'test.sql', text }], variables ? { variables } : undefined);
  return { objects: r.catalog.objects, diagnostics: r.diagnostics };
}

export function only<K extends CatalogObject['kind']>(objs: CatalogObject[], kind: K): Extract<CatalogObject, { kind: K }>[] {
  return objs.filter((o): o is Extract<CatalogObject, { kind: K }> => o.kind === kind);
}

export function body(r: Routine | { body?: unknown }): Statement[] {
  const b = r.body as Block;
  if (!b || b.kind !== 'Block') throw new Error(`body is ${(b as { kind?: string })?.kind}`);
  return b.body;
}

export function codes(d: Diagnostic[]): string[] {
  return d.map((x) => x.code);
}

export function at(d: Diagnostic[], code: string): string[] {
  return d.filter((x) => x.code === code).map((x) => `${x.span.line}:${x.span.column}`);
}
