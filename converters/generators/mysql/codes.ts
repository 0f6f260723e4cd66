import type { DiagnosticDef } from '../../model/index.js';

/** Findings of the MySQL generator itself (GM…): things the rules should have rewritten. */
export const GM = {
  unparsedObject: {
    code: 'GM0001', severity: 'high', effort: 'medium',
    title: 'Statement could not be parsed; it is kept as a comment and not converted',
    recommendation: 'Convert this statement by hand and add it to the target script.',
  },
  unparsedFragment: {
    code: 'GM0002', severity: 'high', effort: 'medium',
    title: 'Part of this object could not be parsed; the object is not converted',
    recommendation: 'Rewrite the unparsed fragment for MySQL by hand.',
  },
  typeFallback: {
    code: 'GM0003', severity: 'medium', effort: 'simple',
    title: 'Type has no MySQL equivalent; a fallback type is used',
    recommendation: 'Check the fallback type holds every value the column stores.',
  },
  unsupportedObject: {
    code: 'GM0004', severity: 'high', effort: 'medium',
    title: 'MySQL has no such object; it is not converted',
    recommendation: 'Re-implement the behaviour with MySQL features or in the application.',
  },
  unsupportedExpr: {
    code: 'GM0005', severity: 'high', effort: 'medium',
    title: 'Expression has no MySQL form; it is printed as written and will likely fail',
    recommendation: 'Rewrite the expression for MySQL.',
  },
  unsupportedStatement: {
    code: 'GM0006', severity: 'high', effort: 'medium',
    title: 'Procedural statement has no MySQL form; it is kept as a comment',
    recommendation: 'Rewrite the statement for MySQL.',
  },
} satisfies Record<string, DiagnosticDef>;
