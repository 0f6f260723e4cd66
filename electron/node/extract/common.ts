import type { Diagnostic, DiagnosticDef, ObjectRef } from '../../../converters/model/index.js';
import { diagnostic } from '../../../converters/model/index.js';

/** Findings of live extraction itself (front-end findings come with their own codes). */
export const EXTRACT_CODES = {
  catalogIncomplete: {
    code: 'EX0001', severity: 'high', effort: 'simple', title: 'Part of the catalog could not be read',
    recommendation: 'Check the privileges of the extracting user (it needs to see the catalog views of every schema to convert) and extract again.',
  },
  noDefinition: {
    code: 'EX0002', severity: 'high', effort: 'simple', title: 'Object definition not visible',
    recommendation: 'Grant the extracting user the privilege to see definitions (or extract as the owner), or convert this object from its script.',
  },
  unsupportedObject: {
    code: 'EX0003', severity: 'medium', effort: 'medium', title: 'Object kind not extracted',
    recommendation: 'Recreate this object on the target by hand; dbshift does not convert this kind of object yet.',
  },
} satisfies Record<string, DiagnosticDef>;

export function extractDiagnostic(def: DiagnosticDef, message: string, object?: ObjectRef, file = 'live'): Diagnostic {
  return diagnostic(def, { file, line: 1, column: 1, endLine: 1, endColumn: 1 }, message, object);
}

/** MySQL statements with compound bodies need DELIMITER for the script splitter. */
export function wrapForFrontEnd(ddl: string, hasBody: boolean): string {
  if (!hasBody) return `${ddl};\n`;
  const delim = ['$$', '//', ';;', '$$$'].find((d) => !ddl.includes(d)) ?? '$$$$$';
  return `DELIMITER ${delim}\n${ddl}${delim}\nDELIMITER ;\n`;
}

export function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r); else m.set(k, [r]);
  }
  return m;
}
