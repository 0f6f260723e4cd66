import type { Expr, SourceSpan } from '../../../model/index.js';

/** What a name declared in a PL/SQL unit stands for. */
export type BindingKind = 'variable' | 'record' | 'collection' | 'cursor' | 'exception' | 'type' | 'routine';

export interface Binding {
  kind: BindingKind;
  /** For 'type': what the declared type is, so variables of it become records or collections. */
  typeKind?: 'record' | 'table' | 'varray' | 'refCursor' | 'subtype';
}

/**
 * Nested name scopes of a PL/SQL unit (parameters, block declarations, loop variables). Names are
 * stored as the parser folded them (unquoted names upper case), so lookups are exact.
 */
export class Scope {
  private readonly frames: Map<string, Binding>[] = [new Map()];
  private readonly labels: string[] = [];
  /** Trigger bodies: the names :NEW / :OLD go by (REFERENCING renames them). */
  triggerRows?: { newRow: string; oldRow: string; parentRow?: string };
  /** Object type bodies: attribute names that stand for SELF.attr. */
  selfAttributes?: Set<string>;
  /** Trigger WHEN clause: NEW.col / OLD.col without colons (and their REFERENCING names). */
  inWhen = false;
  /** Names of routines/packages that can qualify a variable (`proc.var`, `pkg.var`). */
  readonly qualifiers = new Set<string>();

  push(label?: string): void { this.frames.push(new Map()); this.labels.push(label ?? ''); }
  pop(): void { if (this.frames.length > 1) { this.frames.pop(); this.labels.pop(); } }

  declare(name: string, b: Binding): void { this.frames[this.frames.length - 1]!.set(name, b); }

  lookup(name: string): Binding | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const b = this.frames[i]!.get(name);
      if (b) return b;
    }
    return undefined;
  }

  /** Binding of a type name declared in the unit (TYPE t IS …). */
  typeKind(name: string | undefined): Binding['typeKind'] {
    if (!name) return undefined;
    const b = this.lookup(name);
    return b?.kind === 'type' ? b.typeKind : undefined;
  }

  isCollection(name: string): boolean { return this.lookup(name)?.kind === 'collection'; }
  isCursor(name: string): boolean { return this.lookup(name)?.kind === 'cursor'; }

  private isQualifier(name: string): boolean { return this.labels.includes(name) || this.qualifiers.has(name); }

  /**
   * The common parser calls this for plain identifiers. Declared variables, parameters, records,
   * collections and cursors become local Variables; `label.var` / `proc.var` too. `rec.field` stays a
   * ColumnRef (the agreed convention), as does anything undeclared (a column).
   */
  resolve(parts: string[], quoted: boolean[], span: SourceSpan): Expr | undefined {
    const first = parts[0]!;
    if (parts.length === 1) {
      const b = this.lookup(first);
      if (b && b.kind !== 'exception' && b.kind !== 'type' && b.kind !== 'routine') return { kind: 'Variable', name: first, scope: 'local', span };
      if (!b && this.selfAttributes?.has(first)) return { kind: 'ColumnRef', parts: ['SELF', first], span };
      return undefined;
    }
    const rows = this.triggerRows;
    if (this.inWhen && rows && parts.length === 2 && !quoted[0]) {
      const which = first === rows.newRow ? 'NEW' : first === rows.oldRow ? 'OLD' : first === rows.parentRow ? 'PARENT' : undefined;
      if (which) return { kind: 'ColumnRef', parts: [which, parts[1]!], ...(quoted[1] ? { quoted: [false, true] } : {}), span };
    }
    if (parts.length === 2 && this.isQualifier(first)) {
      const b = this.lookup(parts[1]!);
      if (b && (b.kind === 'variable' || b.kind === 'collection' || b.kind === 'cursor')) return { kind: 'Variable', name: parts[1]!, scope: 'local', span };
    }
    return undefined;
  }
}
