// Starts Monaco before the first object is opened: an off-screen editor shows a line in every
// language the workbench uses (their tokenizers load), and the editor worker starts. Called in
// idle time after the workbench's first paint, in small steps so input stays responsive.
import { loader } from '@monaco-editor/react';
import { monaco } from './monaco.js';
import { SOURCE_LANGUAGE, TARGET_LANGUAGE } from './languages/index.js';

const nextFrame = (): Promise<void> => new Promise((r) => { requestAnimationFrame(() => setTimeout(r, 0)); });

let warming: Promise<void> | undefined;

export function warmEditors(): Promise<void> {
  warming ??= (async () => {
    await loader.init();
    const offscreen = (): HTMLElement => {
      const el = document.createElement('div');
      el.setAttribute('aria-hidden', 'true');
      // Nothing in it can take focus (axe aria-hidden-focus while the warm-up runs).
      el.inert = true;
      el.style.cssText = 'position:fixed;left:-10000px;top:0;width:600px;height:120px;visibility:hidden';
      return document.body.appendChild(el);
    };
    const host = offscreen();
    const editor = monaco.editor.create(host, { value: '', readOnly: true, minimap: { enabled: false }, glyphMargin: true, fontSize: 13 });
    try {
      const languages = [...new Set([...Object.values(SOURCE_LANGUAGE), ...Object.values(TARGET_LANGUAGE)])];
      for (const lang of languages) {
        await nextFrame();
        // colorize waits for the language's tokenizer (loaded on first use); the editor then renders it once.
        await monaco.editor.colorize("SELECT a, 'b' FROM t WHERE x = 1; -- warm-up", lang, {});
        const model = monaco.editor.createModel("SELECT a, 'b' FROM t WHERE x = 1; -- warm-up", lang);
        editor.setModel(model);
        editor.setModel(null);
        model.dispose();
      }
      await nextFrame();
      // The editor worker (diff, word highlight) starts with its first request.
      const a = monaco.editor.createModel('a\nb', 'plaintext');
      const b = monaco.editor.createModel('a\nc', 'plaintext');
      const diffHost = offscreen();
      const diff = monaco.editor.createDiffEditor(diffHost, { readOnly: true, renderSideBySide: true });
      diff.setModel({ original: a, modified: b });
      await new Promise<void>((r) => { const off = diff.onDidUpdateDiff(() => { off.dispose(); r(); }); setTimeout(r, 3000); });
      diff.dispose();
      diffHost.remove();
      a.dispose();
      b.dispose();
    } finally {
      editor.dispose();
      host.remove();
    }
    // When the editors were ready, for bench/ui.bench.ts.
    document.documentElement.dataset.editorsWarm = performance.now().toFixed(0);
  })();
  return warming;
}
