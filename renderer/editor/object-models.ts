// One Monaco model per object and editor (source / converted, per target), so each object keeps its
// own undo history and unsaved text: switching objects swaps models instead of replacing the text
// of a shared one (whose undo then brought one object's text back in another's editor).
import { monaco } from './monaco.js';
import { entries, type Model } from './object-model-registry.js';

export { markSaved, isObjectModel, unsavedEdits, disposeObjectModels } from './object-model-registry.js';

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
