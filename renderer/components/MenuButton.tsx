// A menu button (WAI-ARIA menu button pattern): Enter, Space or ArrowDown opens the menu on its
// first item, ArrowUp on its last; arrows, Home and End move; Enter or Space picks; Escape closes
// and gives focus back to the button; Tab or a click elsewhere closes it.
import { useEffect, useId, useRef, useState } from 'react';

export interface MenuItem { label: string; onSelect: () => void; disabled?: boolean }

export function MenuButton(props: { label: string; title?: string; items: MenuItem[]; testId?: string }) {
  const [open, setOpen] = useState<null | 'first' | 'last'>(null);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const itemsOf = (): HTMLElement[] => [...(menu.current?.querySelectorAll<HTMLElement>('[role=menuitem]:not([aria-disabled=true])') ?? [])];

  useEffect(() => {
    if (!open) return;
    const list = itemsOf();
    (open === 'first' ? list[0] : list[list.length - 1])?.focus();
    const away = (e: PointerEvent): void => {
      const t = e.target as Node;
      if (!menu.current?.contains(t) && !button.current?.contains(t)) setOpen(null);
    };
    document.addEventListener('pointerdown', away, true);
    return () => document.removeEventListener('pointerdown', away, true);
  }, [open]);

  const close = (focusButton: boolean): void => { setOpen(null); if (focusButton) button.current?.focus(); };
  const pick = (item: MenuItem): void => { if (item.disabled) return; close(true); item.onSelect(); };
  const onMenuKey = (e: React.KeyboardEvent): void => {
    const list = itemsOf();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const go = (i: number): void => list[(i + list.length) % list.length]?.focus();
    switch (e.key) {
      case 'ArrowDown': go(at + 1); break;
      case 'ArrowUp': go(at - 1); break;
      case 'Home': go(0); break;
      case 'End': go(list.length - 1); break;
      case 'Escape': close(true); break;
      case 'Tab': setOpen(null); return; // focus moves on from the button's place
      default: return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <span className="menu-wrap">
      <button ref={button} type="button" aria-haspopup="menu" aria-expanded={!!open} aria-controls={open ? menuId : undefined}
        title={props.title} data-testid={props.testId}
        onClick={() => setOpen(open ? null : 'first')}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') { e.preventDefault(); setOpen(e.key === 'ArrowDown' ? 'first' : 'last'); }
        }}>
        {props.label} <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <div ref={menu} id={menuId} role="menu" aria-label={props.label} className="menu" onKeyDown={onMenuKey}>
          {props.items.map((item) => (
            <div key={item.label} role="menuitem" tabIndex={-1} aria-disabled={item.disabled ? true : undefined} className="menu-item"
              onClick={() => pick(item)}
              onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(item); } }}>
              {item.label}
            </div>
          ))}
        </div>
      ) : null}
    </span>
  );
}
