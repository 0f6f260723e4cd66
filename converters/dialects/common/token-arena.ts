import type { Token } from './tokens.js';

const MAX_INTERNED_LENGTH = 64;
/** Beyond this many distinct spellings the table stops growing (lookups go on; new spellings are plain slices). */
const MAX_ENTRIES = 1 << 16;

/**
 * Scratch memory of one front-end run that tokenizes a script statement by statement, handed to
 * tokenize() as `reuse`. Token objects and the token list of the previous statement are
 * overwritten, and words and numbers are interned: a spelling seen before (CREATE, NOT, NULL,
 * `id`, a table name used again) is the earlier string, with its upper-cased form, instead of a
 * new slice and a new toUpperCase() per occurrence. Only for tokens nobody keeps once their
 * statement is parsed; strings are values, so interning changes no result.
 */
export class TokenArena {
  /** Token objects to overwrite, in token order. */
  readonly objects: Token[] = [];
  /** The token list of the statement being parsed (its length is the statement's token count). */
  readonly list: Token[] = [];
  private keys: (string | undefined)[];
  private uppers: string[];
  private hashes: Int32Array;
  private mask: number;
  private size = 0;
  /** The tokenizer's state object, kept for the next statement (owned by tokenize()). */
  lexer: object | undefined = undefined;
  /** Set by intern(): the upper-cased form of the string it returned. */
  upper = '';

  constructor() {
    this.mask = 1023;
    this.keys = new Array<string | undefined>(1024).fill(undefined);
    this.uppers = new Array<string>(1024).fill('');
    this.hashes = new Int32Array(1024);
  }

  /**
   * text[from, to) as a string, the same one for every equal spelling; `h` is hashStep() folded
   * over its character codes from 0. Sets `upper` to the word's upper-case form (upper-cased only
   * when it has an ASCII lower-case letter or starts with a non-ASCII character, as words are).
   */
  intern(text: string, from: number, to: number, h: number): string {
    const len = to - from;
    if (len > MAX_INTERNED_LENGTH) return this.fresh(text.slice(from, to));
    const keys = this.keys;
    const mask = this.mask;
    let slot = (h ^ (h >>> 13)) & mask;
    for (;;) {
      const k = keys[slot];
      if (k === undefined) break;
      if (this.hashes[slot] === h && k.length === len && sameChars(k, text, from)) {
        this.upper = this.uppers[slot]!;
        return k;
      }
      slot = (slot + 1) & mask;
    }
    return this.insert(text, from, to, h, slot);
  }

  /** A spelling not seen yet, at the free `slot` its probe ended on (apart, so intern() stays small). */
  private insert(text: string, from: number, to: number, h: number, slot: number): string {
    const s = text.slice(from, to);
    if (this.size >= MAX_ENTRIES) return this.fresh(s);
    const upper = upperOf(s);
    this.keys[slot] = s;
    this.uppers[slot] = upper;
    this.hashes[slot] = h;
    this.upper = upper;
    if (++this.size * 2 > this.mask) this.grow();
    return s;
  }

  private fresh(s: string): string {
    this.upper = upperOf(s);
    return s;
  }

  private grow(): void {
    const oldKeys = this.keys, oldUppers = this.uppers, oldHashes = this.hashes;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.keys = new Array<string | undefined>(cap).fill(undefined);
    this.uppers = new Array<string>(cap).fill('');
    this.hashes = new Int32Array(cap);
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i];
      if (k === undefined) continue;
      const h = oldHashes[i]!;
      let slot = (h ^ (h >>> 13)) & this.mask;
      while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
      this.keys[slot] = k;
      this.uppers[slot] = oldUppers[i]!;
      this.hashes[slot] = h;
    }
  }
}

/** k === text.slice(from, from + k.length), without the slice (a loop beats startsWith on short words). */
function sameChars(k: string, text: string, from: number): boolean {
  for (let i = 0; i < k.length; i++) if (k.charCodeAt(i) !== text.charCodeAt(from + i)) return false;
  return true;
}

/** One step of the interning hash over character codes. */
export function hashStep(h: number, c: number): number {
  return (Math.imul(h, 31) + c) | 0;
}

/** A word's upper-case form as the tokenizer makes it. */
function upperOf(s: string): string {
  if (s.length === 0) return s;
  if (s.charCodeAt(0) >= 0x80) return s.toUpperCase();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return s.toUpperCase();
  }
  return s;
}
