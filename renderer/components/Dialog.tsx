// A modal dialog: labelled, focus moves into it, Escape closes, Tab stays inside.
import { useEffect, useId, useRef, type ReactNode } from 'react';

export function Dialog(props: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; testId?: string }) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button');
    first?.focus();
    return () => prev?.focus?.();
  }, []);
  const onKey = (e: React.KeyboardEvent): void => {
    if (e.key === 'Escape') { e.stopPropagation(); props.onClose(); return; }
    if (e.key !== 'Tab' || !ref.current) return;
    const f = [...ref.current.querySelectorAll<HTMLElement>('input, select, textarea, button, [tabindex="0"]')].filter((x) => !x.hasAttribute('disabled'));
    if (f.length === 0) return;
    const [a, z] = [f[0]!, f[f.length - 1]!];
    if (e.shiftKey && document.activeElement === a) { e.preventDefault(); z.focus(); } else if (!e.shiftKey && document.activeElement === z) { e.preventDefault(); a.focus(); }
  };
  return (
    <div className="backdrop">
      <div ref={ref} className={`dialog${props.wide ? ' wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKey} data-testid={props.testId}>
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
