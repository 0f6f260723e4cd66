/**
 * Pieces of one statement joined once, into a flat string: nested templates and `+=` leave one
 * intermediate string (or rope node) per piece, and a table prints ~100 pieces. The buffer is
 * reused between statements; a build that starts while another is open gets its own.
 */
export class SqlBuf {
  private readonly parts: string[] = [];
  private n = 0;
  constructor(readonly kind: 0 | 1) {}
  add(s: string): void {
    this.parts[this.n++] = s;
  }
  clear(): void {
    this.n = 0;
  }
  text(): string {
    const p = this.parts;
    if (p.length !== this.n) p.length = this.n;
    this.n = 0;
    return p.join('');
  }
}

/** CREATE TABLE has many pieces, most other statements few: each kind keeps its own buffer. */
const spares: (SqlBuf | undefined)[] = [undefined, undefined];

export function openBuf(long = false): SqlBuf {
  const i = long ? 1 : 0;
  const b = spares[i] ?? new SqlBuf(i);
  spares[i] = undefined;
  return b;
}

/** The statement text; the buffer goes back for the next statement. */
export function closeBuf(b: SqlBuf): string {
  const s = b.text();
  spares[b.kind] = b;
  return s;
}

/** A build whose text is not wanted. */
export function dropBuf(b: SqlBuf): void {
  b.clear();
  spares[b.kind] = b;
}
