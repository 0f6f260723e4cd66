import type { Catalog, CatalogObject, Diagnostic, ConvertOptions, ConvertResult, ConvertedObject, Generator, ObjectKind, ObjectRef } from '../../model/index.js';
import { catalogObjectRef } from '../../model/index.js';
import { GenContext } from './context.js';
import { GP } from './codes.js';
import { type Emitted, GenEnv } from './emitted.js';
import { emitTable, emitIndex } from './table.js';
import { emitSchema, emitView, emitSequence, emitDomain, emitEnum, emitComposite, emitCollection, emitComment, emitSynonym, emitEvent, emitPackage, emitUnparsedObject } from './objects.js';
import { emitRoutine, emitTrigger } from './routines.js';
import { emitData } from './data.js';

/** One object, or several (a table and its foreign keys); the first gets the findings. */
type Emitter<K extends ObjectKind> = (o: Extract<CatalogObject, { kind: K }>, ctx: GenContext, env: GenEnv) => Emitted | Emitted[];

const EMITTERS: { [K in ObjectKind]: Emitter<K> } = {
  Schema: emitSchema,
  Table: emitTable,
  View: emitView,
  Index: emitIndex,
  Sequence: emitSequence,
  Trigger: emitTrigger,
  Routine: emitRoutine,
  Package: emitPackage,
  Domain: emitDomain,
  EnumType: emitEnum,
  CompositeType: emitComposite,
  CollectionType: emitCollection,
  Synonym: emitSynonym,
  Event: emitEvent,
  Comment: emitComment,
  DataScript: emitData,
  UnparsedObject: emitUnparsedObject,
};

/** The source object a catalog object came from, as rules recorded it in `origin`. */
const sourceRef = (o: CatalogObject): ObjectRef => o.origin ?? catalogObjectRef(o);

/** Original text kept as a comment so nothing is lost and nothing half-converted runs. */
function commentedOut(text: string): string {
  return `-- NOT CONVERTED (see action items):\n${text.split('\n').map((l) => `-- ${l}`).join('\n')}`;
}

const isAction = (d: Diagnostic): boolean => d.severity !== 'info';

/**
 * Converted objects in output order. One object per call of `add`, not a loop in one long function:
 * V8 then optimizes `add` as a whole, instead of compiling a loop on the fly (OSR) and throwing that
 * code away at the first statement after it that had not run yet.
 */
class Placed {
  private readonly main: ConvertedObject[] = [];
  private readonly late: ConvertedObject[] = [];
  private readonly fks: ConvertedObject[] = [];

  add(o: CatalogObject, ctx: GenContext, env: GenEnv): void {
    const source = sourceRef(o);
    ctx.next(source);
    let emitted: Emitted | Emitted[];
    try {
      emitted = (EMITTERS[o.kind] as Emitter<ObjectKind>)(o as never, ctx, env);
    } catch (err) {
      // A generator bug must never abort the whole conversion.
      ctx.report(GP.internalError, o.span, `Internal error while generating ${source.type} ${source.name}: ${(err as Error).message}`);
      emitted = [{ ref: source, statements: [], dependsOn: [], category: 'code', notConverted: true }];
    }
    if (!Array.isArray(emitted)) this.place(emitted, 0, o, source, ctx);
    else for (let i = 0; i < emitted.length; i++) this.place(emitted[i]!, i, o, source, ctx);
  }

  private place(e: Emitted, i: number, o: CatalogObject, source: ObjectRef, ctx: GenContext): void {
    const notConverted = e.notConverted || ctx.unparsed.length > 0;
    let statements = e.statements;
    if (notConverted) {
      const original = ctx.unparsed.map((u) => `original: ${u.text}`);
      statements = [commentedOut([...statements.map((s) => `${s};`), ...original].join('\n'))];
    }
    const diagnostics = i === 0 ? ctx.diagnostics : [];
    const status = notConverted ? 'not-converted' : diagnostics.length && diagnostics.some(isAction) ? 'converted-with-actions' : 'converted';
    const out: ConvertedObject = { ref: e.ref, source, statements, dependsOn: e.dependsOn, status, diagnostics, span: o.span, category: e.category };
    // After the data: indexes first, then foreign keys (validated with the indexes in place).
    if (!e.late) this.main.push(out);
    else if (e.ref.type === 'ForeignKey') this.fks.push(out);
    else this.late.push(out);
  }

  all(): ConvertedObject[] {
    const { main, late, fks } = this;
    for (let i = 0; i < late.length; i++) main.push(late[i]!);
    for (let i = 0; i < fks.length; i++) main.push(fks[i]!);
    return main;
  }
}

export function generatePostgres(catalog: Catalog, options: ConvertOptions): ConvertResult {
  const env = new GenEnv(catalog, options);
  const ctx = new GenContext(undefined, catalog.dialect);
  const placed = new Placed();
  const objects = catalog.objects;
  for (let i = 0; i < objects.length; i++) placed.add(objects[i]!, ctx, env);
  return { target: 'postgres', objects: placed.all(), diagnostics: [] };
}

export const postgresGenerator: Generator = { target: 'postgres', generate: generatePostgres };
export { printExpr } from './expr.js';
export { printQuery } from './query.js';
export { printType } from './types.js';
export { ident, qname, stringLiteral } from './quote.js';
