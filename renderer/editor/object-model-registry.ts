// The per-object Monaco models (see object-models.ts) and what the workbench asks of them. Kept free
// of a runtime Monaco import: the workbench shell imports this, and a value import of monaco.js here
// would pull all of Monaco (~4 MB) into the first chunk the page must parse before it paints.
// (Not even a type import: the root type-check would then read monaco.ts without the DOM library.)

/** What the registry asks of a Monaco text model (ITextModel has all of it). */
export interface Model {
  isDisposed(): boolean;
  dispose(): void;
  isAttachedToEditor(): boolean;
  getAlternativeVersionId(): number;
  getValue(): string;
}
export interface Entry {
  model: Model; key: string; target: string; side: 'source' | 'target'; base: string;
  /** The model's alternative version id when its text was `base` (undo back to it gives it again). */
  baseVersion: number;
  /** When the object was last shown (a counter). */
  used: number;
}

export const entries = new Map<string, Entry>();

/** Models kept for objects no longer on screen: enough to go back and forth with undo intact. */
export const KEEP_MODELS = 64;

let clock = 0;
export function touch(e: Entry): void { e.used = ++clock; }

function edited(e: Entry): boolean { return !e.model.isDisposed() && e.model.getAlternativeVersionId() !== e.baseVersion; }

/**
 * Frees the models of objects shown longest ago once more than `keep` are held. A model on screen
 * or holding an unsaved edit is never dropped (the edit would be lost); reopening a dropped object
 * starts from the project's text with a fresh undo history.
 */
export function evictIdle(keep = KEEP_MODELS): void {
  if (entries.size <= keep) return;
  const idle = [...entries].filter(([, e]) => e.model.isDisposed() || (!e.model.isAttachedToEditor() && !edited(e))).sort((a, b) => a[1].used - b[1].used);
  for (const [id, e] of idle) {
    if (entries.size <= keep) break;
    if (!e.model.isDisposed()) e.model.dispose();
    entries.delete(id);
  }
}

/** After a save: the project's text for this model is now `text`. */
export function markSaved(model: Model, text: string): void {
  for (const e of entries.values()) if (e.model === model) { e.base = text; e.baseVersion = model.getAlternativeVersionId(); }
}

export function isObjectModel(model: Model): boolean {
  for (const e of entries.values()) if (e.model === model) return true;
  return false;
}

/** Converted texts edited and not saved, for saving before a reconversion (its merge works on saved edits). */
export function unsavedEdits(): { key: string; target: string; text: string }[] {
  return [...entries.values()].filter((e) => e.side === 'target' && !e.model.isDisposed() && e.model.getValue() !== e.base)
    .map((e) => ({ key: e.key, target: e.target, text: e.model.getValue() }));
}

/** Drops every object's model: the project closed, or a reconversion / reload replaced the object list. */
export function disposeObjectModels(): void {
  for (const e of entries.values()) e.model.dispose();
  entries.clear();
}
