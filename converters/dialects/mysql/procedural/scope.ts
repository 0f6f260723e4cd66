import type { Expr, SourceSpan } from '../../../model/index.js';
import type { Parser } from '../../common/parser.js';
import type { MyContext } from '../context.js';

/**
 * Names visible in a routine body. MySQL resolves an unqualified name inside a SQL statement to a
 * local variable or parameter before a column of the same name, so such names become
 * Variable{scope:'local'}. Names are case-insensitive.
 */
export class Scope {
  private readonly frames: Set<string>[] = [];

  constructor(readonly p: Parser, readonly ctx: MyContext, params: string[] = []) {
    this.frames.push(new Set(params.map((n) => n.toLowerCase())));
    p.hooks.identifier = (parts: string[], _quoted: boolean[], span: SourceSpan): Expr | undefined => {
      if (parts.length !== 1) return undefined;
      const name = parts[0]!;
      return this.has(name) ? { kind: 'Variable', name, scope: 'local', span } : undefined;
    };
  }

  push(): void { this.frames.push(new Set()); }
  pop(): void { if (this.frames.length > 1) this.frames.pop(); }
  declare(name: string): void { this.frames[this.frames.length - 1]!.add(name.toLowerCase()); }
  has(name: string): boolean {
    const k = name.toLowerCase();
    for (let i = this.frames.length - 1; i >= 0; i--) if (this.frames[i]!.has(k)) return true;
    return false;
  }
}
