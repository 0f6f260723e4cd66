// Remembers the window's size, position and maximized state between launches.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { screen, type BrowserWindow, type Rectangle } from 'electron';

interface State { bounds: Rectangle; maximized: boolean }

export function loadWindowState(file: string): State {
  const fallback: State = { bounds: { x: 0, y: 0, width: 1400, height: 900 }, maximized: false };
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as State;
    // Only restore a position that is still on a connected display.
    const visible = screen.getAllDisplays().some((d) => {
      const a = d.workArea;
      return s.bounds.x >= a.x - 50 && s.bounds.y >= a.y - 50 && s.bounds.x < a.x + a.width && s.bounds.y < a.y + a.height;
    });
    return visible ? s : { ...fallback, bounds: { ...fallback.bounds, width: s.bounds.width, height: s.bounds.height } };
  } catch { return fallback; }
}

export function trackWindowState(win: BrowserWindow, file: string): void {
  const save = (): void => {
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ bounds: win.getNormalBounds(), maximized: win.isMaximized() }));
    } catch { /* settings are best effort */ }
  };
  win.on('close', save);
}
