// The built renderer as static files, with a strict Content-Security-Policy.
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, isAbsolute, join, normalize, relative } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ttf': 'font/ttf', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ico': 'image/x-icon', '.map': 'application/json',
};

/** No inline scripts, no eval, no remote anything; Monaco needs inline styles. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
    "font-src 'self' data:", `connect-src 'self' ws://127.0.0.1:${port}`, "worker-src 'self'", "manifest-src 'self'",
    "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'", "object-src 'none'",
  ].join('; ');
}

export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}

/** Serves `urlPath` from `root`; false when there is no such file (the caller answers 404). */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, headers: Record<string, string>): Promise<boolean> {
  let path: string;
  try { path = decodeURIComponent(urlPath); } catch { return false; }
  if (path.includes('\0')) return false;
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  const rel = relative(root, file);
  if (rel.startsWith('..') || isAbsolute(rel)) return false;
  try {
    if (!(await stat(file)).isFile()) return false;
  } catch { return false; }
  const body = await readFile(file);
  res.writeHead(200, {
    ...headers,
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Cache-Control': rel === 'index.html' ? 'no-store' : 'private, max-age=3600',
  });
  res.end(body);
  return true;
}
