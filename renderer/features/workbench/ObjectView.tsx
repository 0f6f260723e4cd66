// One object: source (read-only) beside the converted code (editable), a diff view, and its
// action items. Picking an item reveals the source line with a marker and highlights the
// matching converted lines.
import { useCallback, useEffect, useRef, useState } from 'react';
import Editor, { DiffEditor } from '@monaco-editor/react';
import type { ActionItem, ProjectInfo, Result } from '../../../converters/contract/index.js';
import { errorText, type Api } from '../../api/client.js';
import { monaco } from '../../editor/monaco.js';
import { SOURCE_LANGUAGE, TARGET_LANGUAGE } from '../../editor/languages/index.js';
import { evictIdle, isObjectModel, markSaved, objectModel } from '../../editor/object-models.js';
import { ActionItems, orderItems } from '../items/ActionItems.js';

export { warmEditors } from '../../editor/warm.js';
import type { Theme } from '../../App.js';

type Obj = Result<'object.get'>;
type CodeEditor = ReturnType<typeof monaco.editor.create>;
type Model = ReturnType<typeof monaco.editor.createModel>;
/** The open object's models (editor/object-models.ts); no converted model while it is not converted. */
interface OpenModels { key: string; source: Model; target: Model | null }
const SEVERITY: Record<ActionItem['severity'], number> = {
  critical: monaco.MarkerSeverity.Error, high: monaco.MarkerSeverity.Error, medium: monaco.MarkerSeverity.Warning,
  low: monaco.MarkerSeverity.Info, info: monaco.MarkerSeverity.Hint,
};

const DIALECT_LABEL: Record<ProjectInfo['source'], string> = { mysql: 'MySQL/MariaDB', postgres: 'PostgreSQL', oracle: 'Oracle PL/SQL', sqlserver: 'SQL Server T-SQL' };

export interface ObjectViewHandle { next(): void; prev(): void }

// A screenful of SQL shown once (invisibly) in each idle editor: its first render of real lines
// (line elements, tokens) happens before the first selection, not during it.
const WARM_TEXT = Array.from({ length: 60 }, (_, i) => `SELECT c${i}, 'text ${i}', ${i} + 1 AS n FROM t${i} WHERE x = ${i}; -- warm-up`).join('\n');

/** Renders WARM_TEXT in `ed`'s own blank model for two frames, then empties it (no object's model is touched). */
function warmUp(ed: CodeEditor, done: () => void): void {
  const blank = ed.getModel();
  blank?.setValue(WARM_TEXT);
  requestAnimationFrame(() => requestAnimationFrame(() => {
    if (blank && !blank.isDisposed()) blank.setValue('');
    done();
  }));
}

/** Shows `model` in `ed`; the editor's initial blank model is dropped once it is replaced. */
function attach(ed: CodeEditor | null, model: Model | null | undefined): void {
  if (!ed || !model || model.isDisposed() || ed.getModel() === model) return;
  const prev = ed.getModel();
  ed.setModel(model);
  if (prev && !isObjectModel(prev)) requestAnimationFrame(() => { if (!prev.isDisposed()) prev.dispose(); });
}

const NO_ITEMS: ActionItem[] = [];

export function ObjectView(props: {
  api: Api; target: 'postgres' | 'mysql'; source: ProjectInfo['source']; objectKey: string | null; theme: Theme; version: number;
  onChanged: () => void; onStatus: (s: string) => void; handle: React.MutableRefObject<ObjectViewHandle | null>;
  /** Mounted but not shown (the assessment view is up). */
  hidden?: boolean;
}) {
  const { api, target, objectKey } = props;
  const [obj, setObj] = useState<Obj | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<number | null>(null);
  const [by, setBy] = useState<'severity' | 'code' | 'object' | 'line'>('line');
  const [diff, setDiff] = useState(false);
  const src = useRef<CodeEditor | null>(null);
  const tgt = useRef<CodeEditor | null>(null);
  const srcDeco = useRef<ReturnType<CodeEditor['createDecorationsCollection']> | null>(null);
  const tgtDeco = useRef<ReturnType<CodeEditor['createDecorationsCollection']> | null>(null);
  const [hl, setHl] = useState<{ source?: number; target?: number }>({});
  const open = useRef<OpenModels | null>(null);

  useEffect(() => {
    let stop = false;
    setCurrent(null);
    setHl({});
    if (!objectKey) { setObj(null); setError(null); return; }
    api.call('object.get', { key: objectKey, target }).then((o) => {
      if (stop) return;
      const models: OpenModels = {
        key: objectKey,
        source: objectModel('source', target, objectKey, o.source.text, SOURCE_LANGUAGE[props.source]),
        target: o.text === null ? null : objectModel('target', target, objectKey, o.text, TARGET_LANGUAGE[target]),
      };
      // Highlights belong to the object they were made for.
      srcDeco.current?.clear();
      tgtDeco.current?.clear();
      open.current = models;
      attach(src.current, models.source);
      attach(tgt.current, models.target);
      // With this object's models on screen, objects shown long ago give theirs back.
      evictIdle();
      setObj(o);
      // The object's own model: its unsaved edit (if any) is still there.
      setDraft(models.target?.getValue() ?? '');
      setError(null);
    }, (e: unknown) => { if (!stop) setError(errorText(e)); });
    return () => { stop = true; };
  }, [api, objectKey, target, props.version]);

  // Markers for every item in the source editor.
  useEffect(() => {
    const model = src.current?.getModel();
    if (!model || !obj) return;
    monaco.editor.setModelMarkers(model, 'dbshift', obj.items.map((i) => {
      const line = Math.max(1, i.span.line - obj.source.startLine + 1);
      const endLine = Math.max(line, i.span.endLine - obj.source.startLine + 1);
      return {
        severity: SEVERITY[i.severity], message: `${i.code}: ${i.message}`, source: 'dbshift',
        startLineNumber: line, startColumn: Math.max(1, i.span.column), endLineNumber: endLine,
        endColumn: i.span.endColumn > 0 && endLine > line ? i.span.endColumn : Math.max(i.span.endColumn, model.getLineMaxColumn(Math.min(line, model.getLineCount()))),
      };
    }));
  }, [obj]);

  const pick = useCallback((id: number): void => {
    const item = obj?.items.find((i) => i.id === id);
    if (!obj || !item) return;
    setCurrent(id);
    const line = Math.max(1, item.span.line - obj.source.startLine + 1);
    const se = src.current;
    if (se) {
      se.revealLineInCenter(line);
      se.setPosition({ lineNumber: line, column: Math.max(1, item.span.column) });
      srcDeco.current ??= se.createDecorationsCollection();
      srcDeco.current.set([{ range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: 'src-highlight', linesDecorationsClassName: 'src-marker', glyphMarginClassName: 'src-glyph' } }]);
    }
    const te = tgt.current;
    const tl = item.targetLines;
    if (te) {
      tgtDeco.current ??= te.createDecorationsCollection();
      if (tl) {
        te.revealLineInCenter(tl.startLine);
        tgtDeco.current.set([
          { range: new monaco.Range(tl.startLine, 1, tl.endLine, 1), options: { isWholeLine: true, className: tl.exact ? 'tgt-highlight' : 'tgt-highlight approx' } },
          // The identifier the best match found, marked within the line.
          ...(tl.startColumn && tl.endColumn ? [{ range: new monaco.Range(tl.startLine, tl.startColumn, tl.startLine, tl.endColumn), options: { inlineClassName: 'tgt-word' } }] : []),
        ]);
      } else tgtDeco.current.clear();
    }
    setHl({ source: item.span.line, ...(tl ? { target: tl.startLine } : {}) });
    props.onStatus(`${item.code} at ${item.span.file}:${item.span.line}:${item.span.column}`);
  }, [obj, props]);

  const step = useCallback((dir: 1 | -1): void => {
    if (!obj || obj.items.length === 0) return;
    const list = orderItems(obj.items, by);
    const at = list.findIndex((i) => i.id === current);
    const next = at < 0 ? (dir === 1 ? 0 : list.length - 1) : (at + dir + list.length) % list.length;
    pick(list[next]!.id);
  }, [obj, by, current, pick]);
  props.handle.current = { next: () => step(1), prev: () => step(-1) };

  const save = async (resolved = false): Promise<void> => {
    const m = open.current;
    if (!m?.target || m.target.isDisposed()) return;
    const text = m.target.getValue();
    try {
      const r = await api.call('object.saveEdit', { key: m.key, target, text, ...(resolved ? { resolved: true } : {}) });
      markSaved(m.target, text);
      setObj((o) => (o && open.current === m ? { ...o, text, edited: r.edited, conflict: r.conflict } : o));
      props.onStatus(r.edited ? 'Edit saved in the project' : 'Edit removed: the text equals the conversion');
      props.onChanged();
    } catch (e) { setError(errorText(e)); }
  };
  const saveRef = useRef(save);
  saveRef.current = save;
  /** Back to the conversion as one edit of the object's model, so Ctrl+Z brings the edit back. */
  const revert = (): void => {
    const m = open.current?.target;
    if (!m || m.isDisposed() || obj?.generated == null) return;
    m.pushStackElement();
    m.pushEditOperations([], [{ range: m.getFullModelRange(), text: obj.generated }], () => null);
    m.pushStackElement();
    setDraft(m.getValue());
  };

  // The editors stay mounted from before the first selection (Workbench mounts this view in idle
  // time with no object), so opening an object only gives them its models. Until one is open the view is
  // laid out at its real size but invisible (.idle), so Monaco's first layout is done by then too.
  const dirty = !!obj && obj.text !== null && draft !== obj.text;
  const lang = TARGET_LANGUAGE[target];
  const srcLang = SOURCE_LANGUAGE[props.source];
  const theme = props.theme === 'dark' ? 'vs-dark' : 'vs';
  const startLine = obj?.source.startLine ?? 1;
  return (
    <>
      {error && objectKey && !props.hidden ? <div className="error pad" role="alert">{error}</div> : null}
      {!error && objectKey && !obj && !props.hidden ? <div className="pad muted" role="status">Loading…</div> : null}
      <div className={`object-view${!obj || error || !objectKey ? ' idle' : ''}`} data-testid="object-view" hidden={props.hidden}
        data-highlight-line={hl.source ?? ''} data-target-line={hl.target ?? ''}>
      {/* Head and items are there without an object too, so the first object's layout is that of any later one. */}
      <div className="object-head">
        <h2>{obj ? <>{obj.ref.type} {obj.ref.schema ? `${obj.ref.schema}.` : ''}{obj.ref.name}</> : ' '}</h2>
        {obj ? <span className={`badge ${obj.status ?? 'none'}`}>{obj.status ?? 'not converted yet'}</span> : null}
        {obj?.edited ? <span className="edited">edited</span> : null}
        <span className="spacer" />
        <label className="inline"><input type="checkbox" checked={diff} onChange={(e) => setDiff(e.target.checked)} /> Diff (conversion ↔ your edit)</label>
        <button type="button" onClick={() => void save()} disabled={!dirty} data-testid="save-edit">Save edit</button>
        <button type="button" onClick={revert} disabled={!obj || obj.generated === null || draft === obj.generated}>Revert to conversion</button>
      </div>
      {obj?.conflict ? (
        <div className="conflict-banner" role="alert">
          Merge conflict: your edit and the new conversion changed the same lines. The blocks between
          <code>&lt;&lt;&lt;&lt;&lt;&lt;&lt; your edit</code> and <code>&gt;&gt;&gt;&gt;&gt;&gt;&gt; new conversion</code> show both; keep what is right, then
          <button type="button" onClick={() => void save(true)}>Mark resolved</button>
        </div>
      ) : null}
      <div className="editors">
        <section className="pane" aria-label="Source code (read-only)" data-language={srcLang}>
          <div className="pane-title">Source · {DIALECT_LABEL[props.source]}{obj ? ` · ${obj.source.file}:${obj.source.startLine}` : ''}</div>
          <Editor height="100%" language={srcLang} theme={theme} keepCurrentModel
            options={{ readOnly: true, minimap: { enabled: false }, glyphMargin: true, lineNumbers: (n: number) => String(n + startLine - 1), scrollBeyondLastLine: false, fontSize: 13, ariaLabel: 'Source code, read-only' }}
            onMount={(ed) => {
              src.current = ed;
              srcDeco.current = null;
              ed.onDidDispose(() => { if (src.current === ed) src.current = null; });
              if (open.current) attach(ed, open.current.source);
              else warmUp(ed, () => {
                // When the view was ready before any selection, for bench/ui.bench.ts.
                document.documentElement.dataset.objectViewReady ??= performance.now().toFixed(0);
              });
            }} />
        </section>
        <section className="pane" aria-label="Converted code (editable)" data-language={lang}>
          <div className="pane-title">Converted · {DIALECT_LABEL[target]}{dirty ? ' · unsaved' : ''}</div>
          {obj && obj.text === null ? <div className="pad muted">Not converted yet: select it and press Convert.</div> : diff && obj ? (
            <DiffEditor height="100%" language={lang} theme={theme} original={obj.generated ?? ''} modified={draft}
              options={{ readOnly: true, renderSideBySide: true, minimap: { enabled: false }, fontSize: 13 }} />
          ) : (
            <Editor height="100%" language={lang} theme={theme} keepCurrentModel
              onChange={(v) => { const m = open.current?.target; if (m && tgt.current?.getModel() === m) setDraft(v ?? ''); }}
              options={{ minimap: { enabled: false }, scrollBeyondLastLine: false, fontSize: 13, ariaLabel: 'Converted code, editable' }}
              onMount={(ed) => {
                tgt.current = ed;
                tgtDeco.current = null;
                // The diff view and a not-converted object unmount this editor: no model goes to a disposed one.
                ed.onDidDispose(() => { if (tgt.current === ed) tgt.current = null; });
                if (open.current?.target) attach(ed, open.current.target);
                else warmUp(ed, () => undefined);
                ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void saveRef.current());
              }} />
          )}
        </section>
      </div>
      <ActionItems items={obj?.items ?? NO_ITEMS} current={current} onPick={pick} by={by} onBy={setBy}
        onDecide={(item, decision) => {
          if (!objectKey) return;
          api.call('object.decide', { key: objectKey, target, itemKey: item.itemKey, decision }).then(() => {
            setObj((o) => (o ? { ...o, items: o.items.map((x) => (x.id === item.id ? { ...x, ...(decision === 'open' ? { decision: undefined } : { decision }) } : x)) } : o));
            props.onStatus(`${item.code}: ${decision}`);
          }, (e: unknown) => setError(errorText(e)));
        }} />
      </div>
    </>
  );
}
