// The per-object Monaco models (see object-models.ts) and what the workbench asks of them. Kept free
// of a runtime Monaco import: the workbench shell imports this, and a value import of monaco.js here
// would pull all of Monaco (~4 MB) into the first chunk the page must parse before it paints.
import type { Monaco } from './monaco.js';

export type Model = ReturnType<Monaco['editor']['createModel']>;
export interface Entry { model: Model; key: string; target: string; side: 'source' | 'target'; base: string }

export const entries = new Map<string, Entry>();

/** After a save: the project's text for this model is now `text`. */
export function markSaved(model: Model, text: string): void {
  for (const e of entries.values()) if (e.model === model) e.base = text;
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
