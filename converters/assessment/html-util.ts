/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(s: unknown): string {
  return String(s).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A number the tests (and scripts) can find: <span data-k="key">value</span>. */
export function num(key: string, value: number | string): string {
  return `<span data-k="${escapeHtml(key)}">${escapeHtml(value)}</span>`;
}

/** An id fragment safe in HTML ids and URLs. */
export function anchor(prefix: string, s: string): string {
  return `${prefix}-${s.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
}

export const STYLE = `
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;margin:0 auto;padding:24px;max-width:1200px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}.meta{color:#57606a;margin:0 0 16px}a{color:#0969da}
nav.toc{margin:8px 0 16px;font-size:13px}nav.toc a{margin-right:12px}
.tiles{display:flex;flex-wrap:wrap;gap:10px}.tile{border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;min-width:150px}
.tile b{display:block;font-size:22px}.tile span.l{color:#57606a;font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}figure{margin:0}figcaption{font-size:12px;color:#57606a;margin:2px 0}
figure.ring{text-align:center;width:120px}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}tfoot td{font-weight:600;background:#f6f8fa}
td.loc,td.code,code{white-space:nowrap;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
pre.src{margin:2px 0 0;padding:3px 6px;background:#f6f8fa;border-left:3px solid #d0d7de;font-size:12px;white-space:pre-wrap;word-break:break-all}
pre.src .ln{color:#57606a;user-select:none;margin-right:8px}
.sev{font-weight:600;text-transform:uppercase;font-size:11px;padding:1px 5px;border-radius:3px;color:#fff;white-space:nowrap}
.sev-critical{background:#82071e}.sev-high{background:#cf222e}.sev-medium{background:#bc4c00}.sev-low{background:#7d6a00}.sev-info{background:#57606a}
.st-converted{color:#116329}.st-converted-with-actions{color:#7d4e00}.st-not-converted{color:#a40e26;font-weight:600}
.legend span{margin-right:12px;font-size:12px}.rec{color:#424a53}.code-group{margin:14px 0;padding-top:4px}
section.big{content-visibility:auto;contain-intrinsic-size:auto 2000px}
.model li{margin:2px 0}.reco{border:2px solid #2da44e;border-radius:6px;padding:10px 14px}.bad{color:#a40e26;font-weight:600}
@media print{body{padding:0;font-size:11px;max-width:none}section.big{content-visibility:visible}nav.toc,.back{display:none}.tile,figure,.code-group h3{break-inside:avoid}
tr{break-inside:avoid}h2,h3{break-after:avoid}a{color:inherit;text-decoration:none}
.sev,th,tfoot td{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
${body}
</body></html>
`;
}
