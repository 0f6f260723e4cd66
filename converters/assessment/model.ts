import type {
  Effort, ObjectRef, Severity, SourceDialect, TargetDialect, ConversionStatus, NamingStyle, ConversionSettings,
} from '../model/index.js';

/** One input script as the assessment lists it. */
export interface AssessmentInputFile {
  path: string;
  bytes?: number;
  /** 'utf-8', 'utf-8 (BOM)', 'latin-1', or 'binary (skipped)'. */
  encoding?: string;
}

/** The options the conversion ran with, echoed into the report so it can be reproduced. */
export interface AssessmentOptions {
  naming?: NamingStyle;
  schemas?: string[];
  tinyint1AsBoolean?: boolean;
  timestampWithTimeZone?: boolean;
  /** Conversion settings chosen for this run (only those set). */
  conversion?: ConversionSettings;
  /** Where the source came from: 'scripts' or 'live database' (never a URL with a password). */
  sourceKind?: 'scripts' | 'live database';
}

export interface CategoryCounts {
  total: number;
  converted: number;
  withActions: number;
  notConverted: number;
  /** (converted + withActions) / total, in percent, one decimal; 100 when total is 0. */
  convertedPct: number;
}

export interface AssessmentSummary {
  objects: { total: number; converted: number; withActions: number; notConverted: number };
  /**
   * Share of storage / code objects for which target SQL was generated (status converted or
   * converted-with-actions). Objects with action items still need the review the items describe.
   */
  storageObjectsConvertedPct: number;
  codeObjectsConvertedPct: number;
  /** Share of all objects converted with no action item at all. */
  convertedWithoutActionsPct: number;
  /** Sum of EFFORT_HOURS over action items, each distinct code counted once per object. */
  estimatedHours: number;
  actionItems: number;
  /** Objects the source catalog holds, by IR kind. */
  sourceObjects: Record<string, number>;
  /** Source lines of the code objects (views, routines, triggers, events …). */
  linesOfCode: number;
}

export interface AssessmentObject {
  schema: string | null;
  name: string;
  type: string;
  category: 'storage' | 'code' | 'data';
  status: ConversionStatus;
  source: ObjectRef;
  file: string;
  line: number;
  actionItems: number;
  /** Source lines the object spans (code objects: lines of code). */
  linesOfCode: number;
  /** The largest effort class among the object's action items ('none' without any). */
  effortClass: Effort;
  /** Emulations the target object depends on. */
  usesEmulation: string[];
}

export interface ActionItem {
  code: string;
  severity: Severity;
  effort: Effort;
  object: ObjectRef | null;
  file: string;
  line: number;
  column: number;
  message: string;
  recommendation: string;
  /** 'parse' (front end), 'conversion' (rules/generator) or 'input' (reading files). */
  stage: 'input' | 'parse' | 'conversion';
  /** Category of the object the item belongs to; null for script-level findings. */
  category: 'storage' | 'code' | 'data' | null;
  /** The source line the item points at (trimmed, at most 240 characters), when the source text was given. */
  excerpt?: string;
  /** Vendor documentation of the construct. */
  docUrl?: string;
  /** The emulation the converted object relies on, if any. */
  emulation?: string;
}

export interface CodeCount {
  code: string;
  severity: Severity;
  effort: Effort;
  /** The message of the first occurrence, as a title for the code. */
  example: string;
  count: number;
}

export interface Assessment {
  tool: 'dbshift';
  /** Bumped when the JSON shape changes incompatibly. */
  formatVersion: 1;
  /** Passed in by the caller (the conversion is pure and has no clock). */
  generatedAt: string | null;
  source: SourceDialect;
  target: TargetDialect;
  inputs: AssessmentInputFile[];
  options: AssessmentOptions;
  summary: AssessmentSummary;
  byCategory: Record<'storage' | 'code' | 'data', CategoryCounts>;
  countsBySeverity: Record<Severity, number>;
  countsByCode: CodeCount[];
  objects: AssessmentObject[];
  actionItems: ActionItem[];
  /** Which part of the source the report covers. */
  scope: AssessmentScope;
  /** Plain sentences for the first page. */
  executiveSummary: string[];
  /** Per object type: how each object came out (the buckets add up to total). */
  byObjectType: ObjectTypeRow[];
  /** Action items grouped by code, with the effort model applied. */
  codes: CodeGroup[];
  effort: EffortReport;
  /** Source features the target lacks (conversion findings that lose or change behaviour). */
  featuresLacking: FeatureGap[];
  /** Emulations the converted objects rely on, each with the objects that use it. */
  emulations: EmulationUse[];
}

export type AssessmentScope =
  | { kind: 'all' }
  | { kind: 'schema'; schema: string }
  | { kind: 'object'; schema?: string; name: string; type?: string };

export interface ObjectTypeRow {
  type: string;
  category: 'storage' | 'code' | 'data';
  total: number;
  /** Converted with no action item. */
  converted: number;
  /** Converted, with action items whose largest effort is simple / medium / significant. */
  simple: number;
  medium: number;
  significant: number;
  notConverted: number;
  linesOfCode: number;
}

export interface CodeGroup {
  code: string;
  title: string;
  severity: Severity;
  effort: Effort;
  stage: ActionItem['stage'];
  /** Category of the objects concerned (the first occurrence's); null for script-level. */
  category: 'storage' | 'code' | 'data' | null;
  recommendation: string;
  docUrl?: string;
  emulation?: string;
  /** Indexes into Assessment.actionItems, in report order. */
  occurrences: number[];
  /** Distinct objects concerned. */
  objects: number;
  learningHours: number;
  perOccurrenceHours: number;
  /** learningHours plus the occurrences as the effort model counts them. */
  hours: number;
}

/** The tunable weights of the effort model; see README "Assessment report". */
export interface EffortSettings {
  /** One-time effort per code (learning the construct and its fix), hours by effort class. */
  learningHours: Record<Effort, number>;
  /** Effort of one occurrence, hours by effort class. */
  perOccurrenceHours: Record<Effort, number>;
  /** A further occurrence of a code in the same object costs this fraction of the previous one. */
  repeatInObject: number;
  /** Each further object with the code costs this fraction of the one before … */
  repeatAcrossObjects: number;
  /** … but never less than this fraction of perOccurrenceHours. */
  minAcrossObjects: number;
  /** Review and test time per object with no finding at all, by category. */
  reviewHours: Record<'storage' | 'code' | 'data', number>;
  /** Extra review per 100 source lines of code objects. */
  reviewHoursPer100Lines: number;
  /** Per-code overrides of the class weights. */
  codes: Record<string, { learningHours?: number; perOccurrenceHours?: number }>;
  /** For person-days and the migration level. */
  hoursPerDay: number;
}

export interface EffortReport {
  settings: EffortSettings;
  /** Sum of CodeGroup.hours. */
  actionHours: number;
  reviewHours: number;
  totalHours: number;
  personDays: number;
  /** A: review only; B: up to 5 person-days; C: more (ora2pg's levels). */
  migrationLevel: 'A' | 'B' | 'C';
  /** 1 (trivial) … 10 (very hard); see README. */
  complexity: number;
  /** The formula in words, for the report. */
  model: string[];
}

export interface FeatureGap {
  code: string;
  title: string;
  severity: Severity;
  occurrences: number;
  objects: number;
}

export interface EmulationUse {
  emulation: string;
  objects: ObjectRef[];
}

/** `assess` for several targets: one assessment per target plus a side-by-side summary. */
export interface CombinedAssessment {
  tool: 'dbshift';
  formatVersion: 1;
  generatedAt: string | null;
  source: SourceDialect;
  inputs: AssessmentInputFile[];
  targets: {
    target: TargetDialect;
    summary: AssessmentSummary;
    countsBySeverity: Record<Severity, number>;
    /** File name of the per-target report, relative to the combined report. */
    report?: string;
    featuresLacking?: number;
    emulations?: number;
    migrationLevel?: 'A' | 'B' | 'C';
    complexity?: number;
  }[];
  /** The target that costs less, and why (when more than one target). */
  recommendation?: { target: TargetDialect; reasons: string[] };
}
