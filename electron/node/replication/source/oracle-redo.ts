// LogMiner's reconstructed SQL (V$LOGMNR_CONTENTS.SQL_REDO) as row images. The documented forms:
//   insert into "HR"."EMP"("ID","NAME") values ('1','Smith');
//   update "HR"."EMP" set "NAME" = 'Jones' where "ID" = '1' and "NAME" = 'Smith' and ROWID = 'AAAH…';
//   delete from "HR"."EMP" where "ID" = '1' and "NAME" IS NULL and ROWID = 'AAAH…';
// Values: NULL, '…' ('' for a quote; numbers are quoted too), bare numbers, TO_DATE('…', 'fmt'),
// TO_TIMESTAMP('…') / TO_TIMESTAMP_TZ('…'), HEXTORAW('…'), EMPTY_CLOB() / EMPTY_BLOB(), UNISTR('…').
// The session's NLS formats are set by the reader (oracle-logminer.ts) so date literals come as
// YYYY-MM-DD HH24:MI:SS[.FF]. Anything else is refused with the statement, never guessed.

export class RedoParseError extends Error { override name = 'RedoParseError'; }

export type RedoValue = string | Uint8Array | null;

export type RedoStatement =
  | { op: 'insert'; schema: string; table: string; after: Record<string, RedoValue> }
  | { op: 'update'; schema: string; table: string; set: Record<string, RedoValue>; where: Record<string, RedoValue> }
  | { op: 'delete'; schema: string; table: string; where: Record<string, RedoValue> };

class Scanner {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void { while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++; }
  peekWord(w: string): boolean {
    this.ws();
    return this.s.slice(this.i, this.i + w.length).toLowerCase() === w.toLowerCase() && !/[A-Za-z0-9_$#]/.test(this.s[this.i + w.length] ?? '');
  }
  word(w: string): void {
    if (!this.peekWord(w)) this.fail(`expected ${w}`);
    this.i += w.length;
  }
  ch(c: string): void {
    this.ws();
    if (this.s[this.i] !== c) this.fail(`expected ${c}`);
    this.i++;
  }
  tryCh(c: string): boolean { this.ws(); if (this.s[this.i] === c) { this.i++; return true; } return false; }
  ident(): string {
    this.ws();
    if (this.s[this.i] === '"') {
      let out = '';
      this.i++;
      for (;;) {
        const j = this.s.indexOf('"', this.i);
        if (j < 0) this.fail('unterminated quoted name');
        out += this.s.slice(this.i, j);
        this.i = j + 1;
        if (this.s[this.i] === '"') { out += '"'; this.i++; continue; }
        return out;
      }
    }
    const m = /^[A-Za-z][A-Za-z0-9_$#]*/.exec(this.s.slice(this.i));
    if (!m) this.fail('expected a name');
    this.i += m[0].length;
    return m[0].toUpperCase();
  }
  string(): string {
    this.ch("'");
    let out = '';
    for (;;) {
      const j = this.s.indexOf("'", this.i);
      if (j < 0) this.fail('unterminated string');
      out += this.s.slice(this.i, j);
      this.i = j + 1;
      if (this.s[this.i] === "'") { out += "'"; this.i++; continue; }
      return out;
    }
  }
  fail(why: string): never {
    throw new RedoParseError(`${why} at character ${this.i + 1} of: ${this.s.length > 300 ? `${this.s.slice(0, 300)}…` : this.s}`);
  }
}

function hexBytes(hex: string, sc: Scanner): Uint8Array {
  if (!/^(?:[0-9A-Fa-f]{2})*$/.test(hex)) sc.fail('HEXTORAW of an odd or non-hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let k = 0; k < out.length; k++) out[k] = parseInt(hex.slice(k * 2, k * 2 + 2), 16);
  return out;
}

/** UNISTR('\00e9t\00e9') → 'été' (\\ is a backslash; UTF-16 code units, so pairs make astral characters). */
function unistr(s: string, sc: Scanner): string {
  let out = '';
  for (let k = 0; k < s.length; k++) {
    if (s[k] !== '\\') { out += s[k]; continue; }
    if (s[k + 1] === '\\') { out += '\\'; k++; continue; }
    const h = s.slice(k + 1, k + 5);
    if (!/^[0-9A-Fa-f]{4}$/.test(h)) sc.fail('bad UNISTR escape');
    out += String.fromCharCode(parseInt(h, 16));
    k += 4;
  }
  return out;
}

function value(sc: Scanner): RedoValue {
  sc.ws();
  const c = sc.s[sc.i];
  if (c === "'") return sc.string();
  const num = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[Ee][+-]?\d+)?/.exec(sc.s.slice(sc.i));
  if (num) { sc.i += num[0].length; return num[0]; }
  if (sc.peekWord('NULL')) { sc.word('NULL'); return null; }
  const fn = /^([A-Za-z_]+)\s*\(/.exec(sc.s.slice(sc.i));
  if (!fn) sc.fail('expected a value');
  const name = fn[1]!.toUpperCase();
  sc.i += fn[0].length;
  let v: RedoValue;
  switch (name) {
    case 'TO_DATE': case 'TO_TIMESTAMP': case 'TO_TIMESTAMP_TZ': case 'TO_YMINTERVAL': case 'TO_DSINTERVAL':
      v = sc.string();
      if (sc.tryCh(',')) sc.string(); // the format: the reader pins the session's NLS formats
      break;
    case 'HEXTORAW': v = hexBytes(sc.string(), sc); break;
    case 'UNISTR': v = unistr(sc.string(), sc); break;
    case 'EMPTY_CLOB': v = ''; break;
    case 'EMPTY_BLOB': v = new Uint8Array(0); break;
    default: sc.fail(`${name}(…) values are not understood`);
  }
  sc.ch(')');
  return v;
}

function qualified(sc: Scanner): { schema: string; table: string } {
  const a = sc.ident();
  if (!sc.tryCh('.')) sc.fail('expected "OWNER"."TABLE"');
  return { schema: a, table: sc.ident() };
}

/** `"A" = 'x' and "B" IS NULL and ROWID = '…'`: the row image the where clause pins (ROWID left out). */
function conditions(sc: Scanner): Record<string, RedoValue> {
  const out: Record<string, RedoValue> = {};
  for (;;) {
    const col = sc.ident();
    if (sc.peekWord('IS')) {
      sc.word('IS');
      sc.word('NULL');
      out[col] = null;
    } else {
      sc.ch('=');
      const v = value(sc);
      if (col !== 'ROWID') out[col] = v;
    }
    if (!sc.peekWord('and')) return out;
    sc.word('and');
  }
}

function end(sc: Scanner): void {
  sc.tryCh(';');
  sc.ws();
  if (sc.i !== sc.s.length) sc.fail('unexpected text after the statement');
}

export function parseRedo(sql: string): RedoStatement {
  const sc = new Scanner(sql);
  if (sc.peekWord('insert')) {
    sc.word('insert'); sc.word('into');
    const t = qualified(sc);
    const cols: string[] = [];
    sc.ch('(');
    do cols.push(sc.ident()); while (sc.tryCh(','));
    sc.ch(')');
    sc.word('values');
    sc.ch('(');
    const vals: RedoValue[] = [];
    do vals.push(value(sc)); while (sc.tryCh(','));
    sc.ch(')');
    end(sc);
    if (vals.length !== cols.length) sc.fail(`${cols.length} columns but ${vals.length} values`);
    return { op: 'insert', ...t, after: Object.fromEntries(cols.map((c, k) => [c, vals[k]!])) };
  }
  if (sc.peekWord('update')) {
    sc.word('update');
    const t = qualified(sc);
    sc.word('set');
    const set: Record<string, RedoValue> = {};
    do { const c = sc.ident(); sc.ch('='); set[c] = value(sc); } while (sc.tryCh(','));
    const where = sc.peekWord('where') ? (sc.word('where'), conditions(sc)) : {};
    end(sc);
    return { op: 'update', ...t, set, where };
  }
  if (sc.peekWord('delete')) {
    sc.word('delete'); sc.word('from');
    const t = qualified(sc);
    sc.word('where');
    const where = conditions(sc);
    end(sc);
    return { op: 'delete', ...t, where };
  }
  return sc.fail('not an insert, update or delete');
}
