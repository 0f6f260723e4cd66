// add-column expressions (DMS evaluates them with SQLite syntax): a small evaluator for the part
// of that language people use for derived columns — 'strings', numbers, NULL, $COLUMN, ||, + - * /,
// parentheses and the functions below. Anything else is rejected when the task is validated.
type Value = string | number | null;
type Node =
  | { k: 'lit'; v: Value }
  | { k: 'col'; name: string }
  | { k: 'bin'; op: string; l: Node; r: Node }
  | { k: 'neg'; e: Node }
  | { k: 'call'; fn: string; args: Node[] };

const FUNCTIONS: Record<string, (a: Value[]) => Value> = {
  upper: ([s]) => (s === null || s === undefined ? null : String(s).toUpperCase()),
  lower: ([s]) => (s === null || s === undefined ? null : String(s).toLowerCase()),
  trim: ([s]) => (s === null || s === undefined ? null : String(s).trim()),
  length: ([s]) => (s === null || s === undefined ? null : [...String(s)].length),
  substr: ([s, start, len]) => {
    if (s === null || s === undefined || start === null || start === undefined) return null;
    const chars = [...String(s)];
    const from = Math.max(Number(start) - 1, 0);
    return chars.slice(from, len === undefined || len === null ? undefined : from + Number(len)).join('');
  },
  replace: ([s, a, b]) => (s === null || s === undefined ? null : String(s).split(String(a ?? '')).join(String(b ?? ''))),
  ifnull: ([a, b]) => a ?? b ?? null,
  coalesce: (args) => args.find((a) => a !== null && a !== undefined) ?? null,
};

export class ExpressionError extends Error { override name = 'ExpressionError'; }

function tokenize(src: string): string[] {
  const re = /\s*(?:('(?:[^']|'')*')|(\$[A-Za-z_][A-Za-z0-9_$]*)|(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\|\||[-+*/(),]))/y;
  const out: string[] = [];
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw new ExpressionError(`unexpected text at character ${pos + 1}: ${src.slice(pos, pos + 10)}`);
    out.push((m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5])!);
    pos = re.lastIndex;
  }
  return out;
}

export function parseExpression(src: string): Node {
  const toks = tokenize(src);
  let i = 0;
  const peek = (): string | undefined => toks[i];
  const eat = (t: string): void => {
    if (toks[i] !== t) throw new ExpressionError(`expected ${t} but found ${toks[i] ?? 'the end'}`);
    i++;
  };
  const PREC: Record<string, number> = { '||': 1, '+': 2, '-': 2, '*': 3, '/': 3 };
  const primary = (): Node => {
    const t = toks[i++];
    if (t === undefined) throw new ExpressionError('unexpected end of expression');
    if (t === '(') { const e = expr(0); eat(')'); return e; }
    if (t === '-') return { k: 'neg', e: primary() };
    if (t.startsWith("'")) return { k: 'lit', v: t.slice(1, -1).replace(/''/g, "'") };
    if (t.startsWith('$')) return { k: 'col', name: t.slice(1) };
    if (/^\d/.test(t)) return { k: 'lit', v: Number(t) };
    if (/^null$/i.test(t)) return { k: 'lit', v: null };
    if (/^[A-Za-z_]/.test(t) && peek() === '(') {
      const fn = t.toLowerCase();
      if (!FUNCTIONS[fn]) throw new ExpressionError(`function ${t} is not supported (supported: ${Object.keys(FUNCTIONS).join(', ')})`);
      eat('(');
      const args: Node[] = [];
      if (peek() !== ')') { args.push(expr(0)); while (peek() === ',') { i++; args.push(expr(0)); } }
      eat(')');
      return { k: 'call', fn, args };
    }
    throw new ExpressionError(`unexpected ${t} (column references are written $NAME)`);
  };
  const expr = (min: number): Node => {
    let left = primary();
    for (;;) {
      const op = peek();
      const p = op !== undefined ? PREC[op] : undefined;
      if (p === undefined || p < min) break;
      i++;
      left = { k: 'bin', op: op!, l: left, r: expr(p + 1) };
    }
    return left;
  };
  const e = expr(0);
  if (i < toks.length) throw new ExpressionError(`unexpected ${toks[i]} after the expression`);
  return e;
}

export function columnsOf(n: Node, out: string[] = []): string[] {
  switch (n.k) {
    case 'col': out.push(n.name); break;
    case 'bin': columnsOf(n.l, out); columnsOf(n.r, out); break;
    case 'neg': columnsOf(n.e, out); break;
    case 'call': for (const a of n.args) columnsOf(a, out); break;
    case 'lit': break;
  }
  return out;
}

/** SQLite semantics: NULL in any operand gives NULL; || concatenates text forms. */
export function evaluate(n: Node, row: (column: string) => unknown): Value {
  switch (n.k) {
    case 'lit': return n.v;
    case 'col': {
      const v = row(n.name);
      if (v === null || v === undefined) return null;
      if (typeof v === 'number' || typeof v === 'string') return v;
      if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
      if (v instanceof Date) return v.toISOString();
      return String(v);
    }
    case 'neg': { const v = evaluate(n.e, row); return v === null ? null : -Number(v); }
    case 'call': return FUNCTIONS[n.fn]!(n.args.map((a) => evaluate(a, row)));
    case 'bin': {
      const l = evaluate(n.l, row);
      const r = evaluate(n.r, row);
      if (l === null || r === null) return null;
      if (n.op === '||') return String(l) + String(r);
      const a = Number(l); const b = Number(r);
      switch (n.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        default: return b === 0 ? null : a / b;
      }
    }
  }
}

export type Expression = Node;
