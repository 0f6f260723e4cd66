import type {
  Effort, ObjectRef, Severity, SourceDialect, TargetDialect, ConversionStatus, NamingStyle,
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
  }[];
}
