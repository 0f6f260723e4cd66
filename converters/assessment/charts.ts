// Inline SVG charts for the HTML report: no script, no fonts or images from anywhere, colours as
// fill attributes so they print.
import { escapeHtml } from './html-util.js';

export interface Segment { value: number; color: string; name: string }
export interface StackRow { label: string; segments: Segment[]; href?: string }

export const COLORS = {
  converted: '#2da44e', simple: '#9fc25b', medium: '#d4a72c', significant: '#bc4c00', notConverted: '#cf222e',
  critical: '#82071e', high: '#cf222e', mediumSev: '#bc4c00', low: '#7d6a00', info: '#6e7781', bar: '#0969da',
} as const;

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** Horizontal stacked bars, one per row, scaled to the largest row total. */
export function stackedBars(title: string, rows: StackRow[], opts: { labelWidth?: number; width?: number } = {}): string {
  const lw = opts.labelWidth ?? 150;
  const w = opts.width ?? 640;
  const bw = w - lw - 60;
  const h = 22;
  const max = Math.max(1, ...rows.map((r) => r.segments.reduce((s, x) => s + x.value, 0)));
  const height = rows.length * h + 4;
  const aria = `${title}: ${rows.map((r) => `${r.label} ${r.segments.map((s) => `${s.name} ${fmt(s.value)}`).join(', ')}`).join('; ')}`;
  const parts: string[] = [];
  rows.forEach((r, i) => {
    const y = i * h + 2;
    const label = `<text x="${lw - 6}" y="${y + 14}" text-anchor="end" font-size="12" fill="#1b1f24">${escapeHtml(r.label)}</text>`;
    parts.push(r.href ? `<a href="${escapeHtml(r.href)}">${label}</a>` : label);
    let x = lw;
    let total = 0;
    for (const s of r.segments) {
      if (s.value <= 0) continue;
      const sw = (s.value / max) * bw;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${Math.max(sw, 0.5).toFixed(1)}" height="16" fill="${s.color}"><title>${escapeHtml(`${r.label}: ${s.name} ${fmt(s.value)}`)}</title></rect>`);
      x += sw;
      total += s.value;
    }
    parts.push(`<text x="${(x + 4).toFixed(1)}" y="${y + 14}" font-size="12" fill="#57606a">${fmt(total)}</text>`);
  });
  return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption>`
    + `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(aria)}" width="${w}" height="${height}" viewBox="0 0 ${w} ${height}">${parts.join('')}</svg></figure>`;
}

/** A ring showing one percentage (converted share). */
export function ring(label: string, pct: number, color: string = COLORS.converted): string {
  const r = 34;
  const c = 2 * Math.PI * r;
  const on = (Math.max(0, Math.min(100, pct)) / 100) * c;
  return `<figure class="ring"><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(`${label}: ${pct}%`)}" width="96" height="96" viewBox="0 0 96 96">`
    + `<circle cx="48" cy="48" r="${r}" fill="none" stroke="#eaeef2" stroke-width="12"/>`
    + `<circle cx="48" cy="48" r="${r}" fill="none" stroke="${color}" stroke-width="12" stroke-dasharray="${on.toFixed(2)} ${(c - on).toFixed(2)}" transform="rotate(-90 48 48)"/>`
    + `<text x="48" y="53" text-anchor="middle" font-size="15" font-weight="600" fill="#1b1f24">${escapeHtml(fmt(pct))}%</text></svg>`
    + `<figcaption>${escapeHtml(label)}</figcaption></figure>`;
}

export function legend(items: { name: string; color: string }[]): string {
  return `<p class="legend">${items.map((i) => `<span><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${i.color}"/></svg> ${escapeHtml(i.name)}</span>`).join(' ')}</p>`;
}
