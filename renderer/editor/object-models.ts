// One Monaco model per object and editor (source / converted, per target), so each object keeps its
// own undo history and unsaved text: switching objects swaps models instead of replacing the text
// of a shared one (whose undo then brought one object's text back in another's editor).
import { monaco } from './monaco.js';

type Model = ReturnType<typeof monaco.editor.createModel>;
interface Entry { model: Model; key: string; target: string; side: 'source' | 'target'; base: string }

const entries = new Map<string, Entry>();

/**
 * The model of `key`'s source or converted text. An existing model is kept (undo history and unsaved
 * edit included) while the project's text for it is still `text`; when that changed (a reconversion,
 * a reparse) it starts over from the new text.
 */
export function objectModel(side: 'source' | 'target', target: string, key: string, text: string, language: string): Model {
  const id = `${side}\u0000${target}\u0000${key}`;
  const e = entries.get(id);
  if (e && !e.model.isDisposed()) {
    if (e.base !== text) { e.model.setValue(text); e.base = text; }
    if (e.model.getLanguageId() !== language) monaco.editor.setModelLanguage(e.model, language);
    return e.model;
  }
  const model = monaco.editor.createModel(text, language);
  entries.set(id, { model, key, target, side, base: text });
  return model;
}

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
