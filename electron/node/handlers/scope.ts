// The in-app report's scope (issue #6: whole source, one schema, one object): the same assessment
// model the CLI's --scope uses, rebuilt for the scope from the target's last conversion.
import type { ParsedParams } from '../../../converters/contract/index.js';
import { ContractError } from '../../../converters/contract/index.js';
import { buildAssessment, typeLabel, type Assessment, type AssessmentScope } from '../../../converters/assessment/index.js';
import { requireLoaded, type OpenProject, type TargetState } from './session.js';

type ScopeParam = ParsedParams<'assessment.summary'>['scope'];

export function assessmentScope(p: OpenProject, scope: ScopeParam): AssessmentScope {
  if (!scope || scope.kind === 'all') return { kind: 'all' };
  if (scope.kind === 'schema') return { kind: 'schema', schema: scope.schema };
  const o = p.byKey.get(scope.key);
  if (!o) throw new ContractError('INVALID_PARAMS', `scope.key: no source object ${scope.key}`, 'pick an object from the source tree');
  return { kind: 'object', name: o.ref.name, ...(o.ref.schema ? { schema: o.ref.schema } : {}), type: typeLabel(o.ref.type) };
}

/** The conversion's assessment for the whole source, or one rebuilt for a schema or an object. */
export function scopedAssessment(p: OpenProject, state: TargetState, scope: ScopeParam): Assessment {
  const s = assessmentScope(p, scope);
  if (s.kind === 'all') return state.assessment;
  const loaded = requireLoaded(p);
  const a = state.assessment;
  return buildAssessment({
    source: loaded.source, target: a.target, catalog: loaded.catalog, parseDiagnostics: loaded.parseDiagnostics,
    result: state.result, inputs: loaded.inputs, options: a.options, generatedAt: a.generatedAt,
    ...(loaded.files ? { sources: loaded.files } : {}), scope: s,
  });
}
