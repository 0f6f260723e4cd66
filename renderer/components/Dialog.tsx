// A modal dialog: labelled, focus moves into it, Escape closes, Tab stays inside.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { tabbables } from './focus.js';

export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; testId?: string }) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    const box = ref.current;
    const first = box ? tabbables(box).find((el) => !el.classList.contains('icon')) ?? tabbables(box)[0] : undefined;
    first?.focus();
    // Focus that lands outside (a click on the backdrop, then Tab) comes back into the top dialog.
    const onFocusIn = (e: FocusEvent): void => {
      const modals = document.querySelectorAll('[aria-modal="true"]');
      if (!box || modals[modals.length - 1] !== box || box.contains(e.target as Node)) return;
      (tabbables(box)[0] ?? box).focus();
    };
    document.addEventListener('focusin', onFocusIn);
    return () => { document.removeEventListener('focusin', onFocusIn); prev?.focus?.(); };
  }, []);
  const onKey = (e: React.KeyboardEvent): void => {
    const box = ref.current;
    // A modal dialog opened from this one handles its own keys.
    if (!box || (e.target as HTMLElement).closest('[aria-modal="true"]') !== box) return;
    if (e.key === 'Escape') { e.stopPropagation(); props.onClose(); return; }
    if (e.key !== 'Tab') return;
    // Tab and Shift+Tab cycle through what Tab really reaches here (summaries, links, radio groups
    // as one stop; nothing inside a closed <details> or disabled), never leaving the dialog.
    const f = tabbables(box).filter((el) => el.closest('[aria-modal="true"]') === box);
    if (f.length === 0) { e.preventDefault(); return; }
    const at = f.indexOf(document.activeElement as HTMLElement);
    const [a, z] = [f[0]!, f[f.length - 1]!];
    if (e.shiftKey && (at <= 0)) { e.preventDefault(); z.focus(); } else if (!e.shiftKey && (at === -1 || at === f.length - 1)) { e.preventDefault(); a.focus(); }
  };
  return (
    <div className="backdrop">
      <div ref={ref} className={`dialog${props.wide ? ' wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} onKeyDown={onKey} data-testid={props.testId}>
        <div className="dialog-head">
          <h2 id={titleId}>{props.title}</h2>
          <button type="button" className="icon" aria-label="Close dialog" onClick={props.onClose}>×</button>
        </div>
        {props.children}
      </div>
    </div>
  );
}

export function Field(props: { label: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children(id)}
      {props.hint ? <div className="hint">{props.hint}</div> : null}
    </div>
  );
}

export function ErrorLine(props: { error: string | null }) {
  return props.error ? <div className="error" role="alert">{props.error}</div> : null;
}
