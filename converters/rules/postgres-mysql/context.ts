import type {
  Catalog, CatalogObject, ConvertOptions, Diagnostic, DiagnosticDef, Domain, EnumType, ObjectRef, QualifiedName,
  Sequence, SourceSpan, Table, CompositeType,
} from '../../model/index.js';
import { diagnostic, qnameKey } from '../../model/index.js';

/** State for one PostgreSQL → MySQL transform: options, lookups over the source catalog, findings. */
export class RuleContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly domains = new Map<string, Domain>();
  readonly enums = new Map<string, EnumType>();
  readonly composites = new Map<string, CompositeType>();
  readonly sequences = new Map<string, Sequence>();
  readonly tables = new Map<string, Table>();
  readonly routinesByName = new Map<string, CatalogObject[]>();
  /** The source object being converted; findings are about it. */
  object?: ObjectRef;
  readonly flavor: 'mysql' | 'mariadb';
  /** User aggregates that are GROUP_CONCAT with a separator (see aggregates.ts). */
  joinAggregates = new Map<string, string>();

  constructor(readonly catalog: Catalog, readonly options: ConvertOptions) {
    this.flavor = options.mysqlFlavor ?? 'mysql';
    for (const o of catalog.objects) {
      switch (o.kind) {
        case 'Domain': this.domains.set(qnameKey(o.name), o); this.domains.set(`.${o.name.name}`, o); break;
        case 'EnumType': this.enums.set(qnameKey(o.name), o); this.enums.set(`.${o.name.name}`, o); break;
        case 'CompositeType': this.composites.set(qnameKey(o.name), o); this.composites.set(`.${o.name.name}`, o); break;
        case 'Sequence': this.sequences.set(qnameKey(o.name), o); this.sequences.set(`.${o.name.name}`, o); break;
        case 'Table': this.tables.set(qnameKey(o.name), o); this.tables.set(`.${o.name.name}`, o); break;
        case 'Routine': {
          const k = o.name.name.toLowerCase();
          this.routinesByName.set(k, [...(this.routinesByName.get(k) ?? []), o]);
          break;
        }
        default: break;
      }
    }
  }

  lookup<T>(map: Map<string, T>, name: QualifiedName | undefined): T | undefined {
    if (!name) return undefined;
    // Scripts mix qualified and unqualified names (search_path): fall back to the bare name.
    return map.get(qnameKey(name)) ?? map.get(`.${name.name.toLowerCase()}`) ?? map.get(`.${name.name}`);
  }

  /** Span of the source object being converted, for findings that have no finer location. */
  span: SourceSpan = { file: '', line: 0, column: 0, endLine: 0, endColumn: 0 };
  /** Types of the parameters and variables of the routine being converted (for integer division …). */
  varTypes = new Map<string, string>();
  /** Numbers the helper variables of rewritten loops. */
  loopSeq = 0;
  /** Set while converting objects whose findings would repeat their parent's (partitions). */
  quiet = false;

  report(def: DiagnosticDef, span: SourceSpan, message?: string, object?: ObjectRef): void {
    if (this.quiet) return;
    const obj = object ?? this.object;
    // One finding per code, object and message is enough.
    if (this.diagnostics.some((d) => d.code === def.code && d.message === (message ?? def.title) && d.object?.name === obj?.name && d.object?.type === obj?.type)) return;
    this.diagnostics.push(diagnostic(def, span, message, obj));
  }
}
