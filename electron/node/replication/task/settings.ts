// AWS DMS task settings (ReplicationTaskSettings JSON) with the field names DMS documents.
// Sections dbshift implements are validated key by key; sections it accepts without implementing
// are kept and listed by notImplementedSettings() so that a run says what it did not honour.
import { z } from 'zod';

const int = z.number().int();
const nonNeg = int.min(0);

const TargetMetadata = z.strictObject({
  TargetSchema: z.string().default(''),
  SupportLobs: z.boolean().default(true),
  FullLobMode: z.boolean().default(false),
  LobChunkSize: nonNeg.default(0),
  LimitedSizeLobMode: z.boolean().default(true),
  LobMaxSize: nonNeg.default(32),
  InlineLobMaxSize: nonNeg.default(0),
  LoadMaxFileSize: nonNeg.default(0),
  ParallelLoadThreads: nonNeg.default(0),
  ParallelLoadBufferSize: nonNeg.default(0),
  ParallelLoadQueuesPerThread: nonNeg.default(0),
  ParallelApplyThreads: nonNeg.default(0),
  ParallelApplyBufferSize: nonNeg.default(0),
  ParallelApplyQueuesPerThread: nonNeg.default(0),
  BatchApplyEnabled: z.boolean().default(false),
  TaskRecoveryTableEnabled: z.boolean().default(false),
}).superRefine((t, ctx) => {
  if (t.SupportLobs && t.FullLobMode && t.LimitedSizeLobMode) {
    ctx.addIssue({ code: 'custom', path: ['LimitedSizeLobMode'], message: 'FullLobMode and LimitedSizeLobMode cannot both be true' });
  }
});

export const PREP_MODES = ['DO_NOTHING', 'TRUNCATE_BEFORE_LOAD', 'DROP_AND_CREATE'] as const;

const FullLoadSettings = z.strictObject({
  TargetTablePrepMode: z.enum(PREP_MODES).default('DROP_AND_CREATE'),
  CreatePkAfterFullLoad: z.boolean().default(false),
  StopTaskCachedChangesApplied: z.boolean().default(false),
  StopTaskCachedChangesNotApplied: z.boolean().default(false),
  MaxFullLoadSubTasks: int.min(1).max(49).default(8),
  TransactionConsistencyTimeout: nonNeg.default(600),
  CommitRate: int.min(1).max(50000).default(10000),
});

const SEVERITIES = ['LOGGER_SEVERITY_DEFAULT', 'LOGGER_SEVERITY_ERROR', 'LOGGER_SEVERITY_WARNING', 'LOGGER_SEVERITY_INFO', 'LOGGER_SEVERITY_DEBUG', 'LOGGER_SEVERITY_DETAILED_DEBUG'] as const;
export type LogSeverity = (typeof SEVERITIES)[number];

const Logging = z.strictObject({
  EnableLogging: z.boolean().default(true),
  EnableLogContext: z.boolean().optional(),
  LogComponents: z.array(z.strictObject({ Id: z.string().min(1), Severity: z.enum(SEVERITIES) })).default([]),
  CloudWatchLogGroup: z.string().nullable().optional(),
  CloudWatchLogStream: z.string().nullable().optional(),
});

const DdlPolicy = z.strictObject({
  HandleSourceTableDropped: z.boolean().default(true),
  HandleSourceTableTruncated: z.boolean().default(true),
  HandleSourceTableAltered: z.boolean().default(true),
});

const ValidationSettings = z.strictObject({
  EnableValidation: z.boolean().default(false),
  ValidationMode: z.enum(['ROW_LEVEL', 'GROUP_LEVEL']).default('ROW_LEVEL'),
  ThreadCount: int.min(1).default(5),
  PartitionSize: int.min(1).default(10000),
  FailureMaxCount: nonNeg.default(10000),
  RecordFailureDelayInMinutes: nonNeg.optional(),
  RecordSuspendDelayInMinutes: nonNeg.optional(),
  MaxKeyColumnSize: nonNeg.optional(),
  TableFailureMaxCount: nonNeg.optional(),
  ValidationOnly: z.boolean().default(false),
  HandleCollationDiff: z.boolean().optional(),
  RecordFailureDelayLimitInMinutes: nonNeg.optional(),
  SkipLobColumns: z.boolean().default(false),
  ValidationPartialLobSize: nonNeg.optional(),
  ValidationQueryCdcDelaySeconds: nonNeg.optional(),
});

/** Documented sections dbshift accepts but does not act on (reported on every run). */
export const ACCEPTED_SECTIONS = [
  'ControlTablesSettings', 'StreamBufferSettings', 'ChangeProcessingTuning', 'ErrorBehavior',
  'PostProcessingRules', 'CharacterSetSettings', 'LoopbackPreventionSettings', 'BeforeImageSettings',
  'FailTaskWhenCleanTaskResourceFailed', 'TTSettings', 'DataResyncSettings',
] as const;

const passThrough = z.unknown().optional();

export const TaskSettingsSchema = z.strictObject({
  TargetMetadata: TargetMetadata.default(() => TargetMetadata.parse({})),
  FullLoadSettings: FullLoadSettings.default(() => FullLoadSettings.parse({})),
  Logging: Logging.default(() => Logging.parse({})),
  ChangeProcessingDdlHandlingPolicy: DdlPolicy.default(() => DdlPolicy.parse({})),
  ValidationSettings: ValidationSettings.default(() => ValidationSettings.parse({})),
  ...Object.fromEntries(ACCEPTED_SECTIONS.map((s) => [s, passThrough])) as Record<(typeof ACCEPTED_SECTIONS)[number], typeof passThrough>,
});

export type TaskSettings = z.output<typeof TaskSettingsSchema>;

/**
 * Settings present in the file that change nothing here, each with why. Only values that differ
 * from what dbshift does anyway are listed (a DMS default of 0 / false / null is not news).
 */
export function notImplementedSettings(raw: unknown, s: TaskSettings): string[] {
  const out: string[] = [];
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  for (const section of ACCEPTED_SECTIONS) {
    const v = obj[section];
    if (v === undefined || v === null || v === false) continue;
    out.push(`${section}: accepted, not implemented (dbshift uses its own behaviour for this section)`);
  }
  const tm = s.TargetMetadata;
  const tuning: [keyof typeof tm, string][] = [
    ['InlineLobMaxSize', 'LOBs are always streamed inline'], ['LoadMaxFileSize', 'no intermediate files are written'],
    ['ParallelLoadThreads', 'each table loads on one COPY stream'], ['ParallelLoadBufferSize', 'rows are streamed'],
    ['ParallelLoadQueuesPerThread', 'rows are streamed'], ['ParallelApplyThreads', 'changes apply on one connection in commit order'],
    ['ParallelApplyBufferSize', 'changes apply on one connection in commit order'], ['ParallelApplyQueuesPerThread', 'changes apply on one connection in commit order'],
  ];
  for (const [k, why] of tuning) if (tm[k]) out.push(`TargetMetadata.${k}: accepted, not implemented (${why})`);
  if (tm.BatchApplyEnabled) out.push('TargetMetadata.BatchApplyEnabled: accepted, not implemented (changes always apply transaction by transaction, batched by commit)');
  if (tm.TaskRecoveryTableEnabled) out.push('TargetMetadata.TaskRecoveryTableEnabled: accepted, not implemented (the position table dbshift_replication.positions always exists)');
  if (s.FullLoadSettings.TransactionConsistencyTimeout !== 600) out.push('FullLoadSettings.TransactionConsistencyTimeout: accepted, not implemented (the load does not wait for open transactions: changes from before the load are re-applied idempotently)');
  if (s.Logging.CloudWatchLogGroup || s.Logging.CloudWatchLogStream) out.push('Logging.CloudWatchLogGroup/Stream: accepted, not implemented (the task log is task.log in the task folder)');
  const v = s.ValidationSettings;
  if (v.ValidationMode === 'GROUP_LEVEL') out.push('ValidationSettings.ValidationMode GROUP_LEVEL: validation always compares per key range and narrows to keys');
  for (const k of ['RecordFailureDelayInMinutes', 'RecordSuspendDelayInMinutes', 'MaxKeyColumnSize', 'TableFailureMaxCount', 'HandleCollationDiff', 'RecordFailureDelayLimitInMinutes', 'ValidationPartialLobSize', 'ValidationQueryCdcDelaySeconds'] as const) {
    if (v[k]) out.push(`ValidationSettings.${k}: accepted, not implemented`);
  }
  if (s.ValidationSettings.ValidationOnly) out.push('ValidationSettings.ValidationOnly: accepted, not implemented (use `dbshift replicate validate`)');
  return out;
}
