// Large values between the conversion worker and the back end, in pieces. A structured clone of a
// 5,000-table conversion is deserialized in one go when the message arrives (0.5–2 s with the
// back end's event loop blocked). Here every large array near the top of the value travels as
// slices serialized on their own, and the receiver deserializes them one by one, yielding between
// slices, so no single step holds the loop long; the small rest (the "skeleton") keeps the
// value's shape with a marker where each array was.
//
// Identity: objects shared inside the skeleton stay shared; an object reached from two slices (or
// from a slice and the skeleton) arrives as two equal copies. Receivers only read these values.
import { deserialize, serialize } from 'node:v8';

const MARK = '__dbshiftWireArray';

export interface Wire {
  skeleton: Uint8Array;
  /** Per marked array, its slices in order. */
  arrays: Uint8Array[][];
}

export interface WireOptions {
  /** Arrays at least this long travel in slices. */
  minLength: number;
  /** Elements per slice. */
  slice: number;
  /** How deep into plain objects and arrays to look for large arrays, from the top of the value. */
  depth: number;
  /** How deep to look inside each element of a sliced array (a large array there is sliced too). */
  elementDepth: number;
}

export const WIRE_DEFAULTS: WireOptions = { minLength: 200, slice: 100, depth: 8, elementDepth: 4 };

const isPlain = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

const marker = (v: unknown): number | undefined => {
  const m = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[MARK] : undefined;
  return typeof m === 'number' ? m : undefined;
};

/**
 * The skeleton (large arrays replaced by markers) and the arrays to slice, in marker order. The
 * elements of a large array are looked into too (elementDepth), so one element holding a large
 * array of its own (an index with 5,000 findings) does not make one huge slice.
 */
function split(value: unknown, o: WireOptions): { skeleton: unknown; arrays: unknown[][] } {
  const arrays: unknown[][] = [];
  const memo = new Map<object, unknown>();
  const walk = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (memo.has(v)) return memo.get(v);
    if (Array.isArray(v)) {
      if (v.length >= o.minLength) {
        const m = { [MARK]: arrays.length };
        memo.set(v, m);
        const elements: unknown[] = [];
        arrays.push(elements);
        for (const x of v) elements.push(walk(x, o.depth - o.elementDepth));
        return m;
      }
      if (depth >= o.depth) return v;
      const copy: unknown[] = [];
      memo.set(v, copy);
      for (const x of v) copy.push(walk(x, depth + 1));
      return copy;
    }
    if (depth >= o.depth || !isPlain(v)) return v;
    const copy: Record<string, unknown> = {};
    memo.set(v, copy);
    for (const [k, x] of Object.entries(v)) copy[k] = walk(x, depth + 1);
    return copy;
  };
  return { skeleton: walk(value, 0), arrays };
}

/** Serializes `value` in pieces (synchronously: the worker's side). */
export function encodeWire(value: unknown, o: WireOptions = WIRE_DEFAULTS): Wire {
  const s = split(value, o);
  return {
    skeleton: serialize(s.skeleton),
    arrays: s.arrays.map((a) => { const out: Uint8Array[] = []; for (let i = 0; i < a.length; i += o.slice) out.push(serialize(a.slice(i, i + o.slice))); return out; }),
  };
}

/** Serializes `value` in pieces, calling `pause` between slices (the back end's side: the loop stays free). */
export async function encodeWireAsync(value: unknown, pause: () => Promise<void>, o: WireOptions = WIRE_DEFAULTS): Promise<Wire> {
  const s = split(value, o);
  const arrays: Uint8Array[][] = [];
  for (const a of s.arrays) {
    const out: Uint8Array[] = [];
    for (let i = 0; i < a.length; i += o.slice) { out.push(serialize(a.slice(i, i + o.slice))); await pause(); }
    arrays.push(out);
  }
  return { skeleton: serialize(s.skeleton), arrays };
}

/** Puts the arrays back where their markers are (as deep as `split` looked); yields now and then, returns the value. */
function* join(skeleton: unknown, arrays: unknown[][], o: WireOptions): Generator<void, unknown> {
  const seen = new Set<object>();
  const fix = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const m = marker(v);
    if (m !== undefined) return arrays[m];
    if (seen.has(v) || depth >= o.depth) return v;
    seen.add(v);
    if (Array.isArray(v)) { for (let i = 0; i < v.length; i++) v[i] = fix(v[i], depth + 1); return v; }
    if (!isPlain(v)) return v;
    const rec = v as Record<string, unknown>;
    for (const k of Object.keys(rec)) rec[k] = fix(rec[k], depth + 1);
    return v;
  };
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      a[i] = fix(a[i], o.depth - o.elementDepth);
      if (i % 500 === 499) yield;
    }
  }
  return fix(skeleton, 0);
}

function decodeSlice(piece: Uint8Array, out: unknown[]): void {
  for (const x of deserialize(piece) as unknown[]) out.push(x);
}

/** The value back, all at once (the worker's side). */
export function decodeWire<T>(w: Wire, o: WireOptions = WIRE_DEFAULTS): T {
  const arrays = w.arrays.map((pieces) => { const out: unknown[] = []; for (const p of pieces) decodeSlice(p, out); return out; });
  const steps = join(deserialize(w.skeleton), arrays, o);
  for (;;) { const r = steps.next(); if (r.done) return r.value as T; }
}

/** The value back, one slice at a time with `pause` between them (the back end's side). */
export async function decodeWireAsync<T>(w: Wire, pause: () => Promise<void>, o: WireOptions = WIRE_DEFAULTS): Promise<T> {
  const arrays: unknown[][] = [];
  for (const pieces of w.arrays) {
    const out: unknown[] = [];
    for (const p of pieces) { decodeSlice(p, out); await pause(); }
    arrays.push(out);
  }
  const steps = join(deserialize(w.skeleton), arrays, o);
  for (;;) { const r = steps.next(); if (r.done) return r.value as T; await pause(); }
}

/** The buffers of `w` that can be moved (not copied) by postMessage: each whole, each once. */
export function transferList(w: Wire): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const b of [w.skeleton, ...w.arrays.flat()]) {
    if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer) out.add(b.buffer);
  }
  return [...out];
}

/** Lets queued I/O, timers and requests run. */
export const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));
