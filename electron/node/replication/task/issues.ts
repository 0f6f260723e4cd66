// Turning zod issues into messages that name the offending key path inside the file.
import type { z } from 'zod';

export class TaskDefinitionError extends Error {
  override name = 'TaskDefinitionError';
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(top level)';
}

export function describeIssues(error: z.ZodError): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) lines.push(`${pathText([...issue.path, k])}: unknown key`);
    } else {
      lines.push(`${pathText(issue.path)}: ${issue.message}`);
    }
  }
  return lines;
}

/** Parses `value` with `schema` or throws a TaskDefinitionError listing every problem by key path. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new TaskDefinitionError(file, describeIssues(r.error));
  return r.data;
}

export function parseJsonText(text: string, file: string): unknown {
  try { return JSON.parse(text); } catch (e) {
    throw new TaskDefinitionError(file, [`not valid JSON: ${e instanceof Error ? e.message : String(e)}`]);
  }
}
