// What Tab visits inside an element, in order: the focus trap of modal dialogs and menus uses it.
const CANDIDATES = 'a[href], area[href], button, input, select, textarea, summary, iframe, [contenteditable=""], [contenteditable="true"], [tabindex]';

/** True when `el` is inside a closed <details> other than as that details' own summary. */
function hiddenByDetails(el: HTMLElement, root: HTMLElement): boolean {
  for (let d = el.parentElement?.closest('details'); d && root.contains(d); d = d.parentElement?.closest('details')) {
    if (d.open) continue;
    const summary = d.querySelector(':scope > summary');
    if (summary !== el) return true;
  }
  return false;
}

/** A radio group is one Tab stop: its checked radio, or its first when none is checked. */
function otherRadio(el: HTMLElement, root: HTMLElement): boolean {
  if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return false;
  const group = [...root.querySelectorAll<HTMLInputElement>('input[type=radio]')].filter((r) => r.name === el.name && r.form === el.form && !r.disabled);
  const stop = group.find((r) => r.checked) ?? group[0];
  return stop !== el;
}

/** The elements of `root` that Tab reaches: enabled, not tabindex=-1, rendered, not hidden by a closed <details> or `inert`. */
export function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(CANDIDATES)].filter((el) => {
    if (otherRadio(el, root)) return false;
    if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled || el.closest('[inert]')) return false;
    // <summary> is focusable only as the first summary of its details.
    if (el.tagName === 'SUMMARY' && el.parentElement?.querySelector(':scope > summary') !== el) return false;
    if (el instanceof HTMLInputElement && el.type === 'hidden') return false;
    if (hiddenByDetails(el, root)) return false;
    return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  });
}
