// One Monaco model per object and editor (source / converted, per target), so each object keeps its
// own undo history and unsaved text: switching objects swaps models instead of replacing the text
// of a shared one (whose undo then brought one object's text back in another's editor).
import { monaco } from './monaco.js';
import { entries, touch } from './object-model-registry.js';

type TextModel = ReturnType<typeof monaco.editor.createModel>;

export { markSaved, isObjectModel, unsavedEdits, disposeObjectModels, evictIdle } from './object-model-registry.js';

/**
 * The model of `key`'s source or converted text. An existing model is kept (undo history and unsaved
 * edit included) while the project's text for it is still `text`; when that changed (a reconversion,
 * a reparse) it starts over from the new text.
 */
export function objectModel(side: 'source' | 'target', target: string, key: string, text: string, language: string): TextModel {
  const id = `${side}\u0000${target}\u0000${key}`;
  const e = entries.get(id);
  if (e && !e.model.isDisposed()) {
    const m = e.model as TextModel;
    if (e.base !== text) { m.setValue(text); e.base = text; e.baseVersion = m.getAlternativeVersionId(); }
    if (m.getLanguageId() !== language) monaco.editor.setModelLanguage(m, language);
    touch(e);
    return m;
  }
  const model = monaco.editor.createModel(text, language);
  const entry = { model, key, target, side, base: text, baseVersion: model.getAlternativeVersionId(), used: 0 };
  touch(entry);
  entries.set(id, entry);
  return model;
}
