/**
 * Pieces of one statement joined once, into a flat string: nested templates and `+=` leave one
 * intermediate string (or rope node) per piece, and a table prints ~100 pieces. The buffer is
 * reused between statements; a build that starts while another is open gets its own.
 */
export class SqlBuf {
  private readonly parts: string[] = [];
  private n = 0;
  add(s: string): void {
    this.parts[this.n++] = s;
  }
  clear(): void {
    this.n = 0;
  }
  text(): string {
    const p = this.parts;
    if (p.length !== this.n) p.length = this.n;
    const s = p.join('');
    this.n = 0;
    return s;
  }
}

let spare: SqlBuf | undefined;

export function openBuf(): SqlBuf {
  const b = spare ?? new SqlBuf();
  spare = undefined;
  return b;
}

/** The statement text; the buffer goes back for the next statement. */
export function closeBuf(b: SqlBuf): string {
  const s = b.text();
  spare = b;
  return s;
}

/** A build whose text is not wanted. */
export function dropBuf(b: SqlBuf): void {
  b.clear();
  spare = b;
}
