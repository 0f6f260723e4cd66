// The page's first script must not carry Monaco (~4 MB to parse before the first paint): every
// module reachable from renderer/main.tsx by static imports is checked for a runtime Monaco import.
// Dynamic import() starts a separate chunk; `import type` is erased. This static walk fails the
// moment an eagerly loaded module imports editor/monaco.js or monaco itself again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../renderer');
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function resolveLocal(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  for (const c of [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, `${base}.tsx`]) if (existsSync(c) && /\.(ts|tsx)$/.test(c)) return c;
  return undefined;
}

function eagerModules(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    const specs = [...readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)].map((m) => m[1]!);
    seen.set(file, specs);
    for (const s of specs) { const r = resolveLocal(file, s); if (r) stack.push(r); }
  }
  return seen;
}

test('the first chunk (everything main.tsx imports statically) has no runtime Monaco import', () => {
  const modules = eagerModules(resolve(root, 'main.tsx'));
  assert.ok(modules.size > 10, `walked only ${modules.size} modules: the import pattern no longer matches the sources`);
  const offenders: string[] = [];
  for (const [file, specs] of modules) {
    // The way in is what counts; what Monaco's own loader modules import follows from it.
    if (/editor\/monaco(-features)?\.ts$/.test(file)) continue;
    for (const s of specs) {
      if (/^monaco-(esm|editor)(\/|$)/.test(s) || /(^|\/)monaco(\.js)?$/.test(s) || s === '@monaco-editor/react') offenders.push(`${file.slice(root.length + 1)} imports '${s}'`);
    }
  }
  assert.deepEqual(offenders, [], 'load Monaco through a dynamic import() (see features/workbench/ObjectView) or import only types');
});
