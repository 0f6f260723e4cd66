import type { Expr, SourceSpan } from '../../../model/index.js';

/** What a name declared in a PL/pgSQL block (or a routine parameter) stands for. */
export interface Binding {
  kind: 'variable' | 'record' | 'cursor' | 'alias';
  /** For aliases: the name (or the number of the $n parameter) they stand for. */
  target?: string;
  positional?: boolean;
}

/**
 * Nested name scopes of a routine body. Resolution follows PL/pgSQL: the innermost declaration
 * wins; names are compared after PostgreSQL's folding (the tokenizer already folded them).
 */
export class Scope {
  private readonly frames: Map<string, Binding>[] = [new Map()];
  /** Labels of enclosing blocks and loops: `label.var` qualifies a variable. */
  private readonly labels: string[] = [];

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

  hasLabel(name: string): boolean { return this.labels.includes(name); }

  /**
   * The common parser calls this for plain identifiers. A declared scalar variable or parameter
   * becomes a local Variable; `$n` aliases resolve to their parameter; records (NEW, OLD, r)
   * with a field stay ColumnRefs so generators see `NEW.col`.
   */
  resolve(parts: string[], quoted: boolean[], span: SourceSpan): Expr | undefined {
    if (parts.length === 1) {
      const b = this.lookup(parts[0]!);
      if (!b) return undefined;
      if (b.kind === 'alias') {
        const t = b.target!;
        return { kind: 'Variable', name: t, scope: b.positional ? 'positional' : 'local', span };
      }
      if (b.kind === 'variable' || b.kind === 'record' || b.kind === 'cursor') return { kind: 'Variable', name: parts[0]!, scope: 'local', span };
      return undefined;
    }
    if (parts.length === 2 && this.hasLabel(parts[0]!) && !quoted[0]) {
      const b = this.lookup(parts[1]!);
      if (b && b.kind === 'variable') return { kind: 'Variable', name: parts[1]!, scope: 'local', span };
    }
    return undefined;
  }
}
