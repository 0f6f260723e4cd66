// Shapes shared by several requests. Params are strict objects: unknown keys are refused.
import { z } from 'zod';
import { CONVERSION_SETTINGS, type ConversionSettings } from '../model/conversion-settings.js';

export const sourceDialect = z.enum(['mysql', 'postgres', 'oracle', 'sqlserver']);
export const targetDialect = z.enum(['postgres', 'mysql']);
export const engine = z.enum(['postgres', 'mysql', 'pglite', 'oracle', 'sqlserver']);
export const severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);
export const effort = z.enum(['none', 'simple', 'medium', 'significant']);
export const conversionStatus = z.enum(['converted', 'converted-with-actions', 'not-converted']);
export const sslMode = z.enum(['disable', 'prefer', 'require', 'verify-full']);

/** A connection as stored in a project: never a password. */
export const connectionSpec = z.strictObject({
  engine,
  host: z.string().max(255).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  database: z.string().max(255).optional(),
  user: z.string().max(255).optional(),
  sslMode: sslMode.optional(),
  /** Oracle: connect by SID instead of the service name (which goes in `database`). */
  sid: z.string().max(255).optional(),
  /** SQL Server: named instance (SQL Server Browser on UDP 1434 finds its port). */
  instance: z.string().max(255).optional(),
  /** SQL Server: TLS (default on) and whether a self-signed server certificate is accepted. */
  encrypt: z.boolean().optional(),
  trustServerCertificate: z.boolean().optional(),
  /** PGlite: data folder; relative paths are inside the project folder; absent = in memory. */
  path: z.string().max(4096).optional(),
});

/** Given with a request, kept in memory by the back end for the session, never written. */
export const password = z.string().max(1024).optional();

export const span = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  endLine: z.number(),
  endColumn: z.number(),
});

export const objectRef = z.object({ schema: z.string().optional(), name: z.string(), type: z.string() });

export const decision = z.enum(['open', 'accepted', 'wont-fix']);

export const actionItem = z.object({
  /** Stable within one object view: index in the list. */
  id: z.number().int(),
  /** Stable across sessions: code@line:column in the source (what decisions are keyed by). */
  itemKey: z.string(),
  /** The reviewer's decision, kept in the project's decisions.json. */
  decision: decision.optional(),
  code: z.string(),
  severity,
  effort,
  message: z.string(),
  recommendation: z.string(),
  span,
  object: objectRef.optional(),
  /** 1-based lines in the converted text this item points at (best match when the generator gave none). */
  targetLines: z.object({
    startLine: z.number(), endLine: z.number(), exact: z.boolean(),
    /** A best match on one identifier: its columns on startLine (1-based, end exclusive). */
    startColumn: z.number().optional(), endColumn: z.number().optional(),
  }).optional(),
});

/** Conversion options (converters/model/conversion-settings.ts), each optional; unknown names refused. */
export const conversionSettings = z.strictObject(Object.fromEntries(Object.entries(CONVERSION_SETTINGS).map(([name, spec]) => [name,
  (spec.kind === 'boolean' ? z.boolean() : z.enum(spec.values as [string, ...string[]])).optional()]))) as unknown as z.ZodType<ConversionSettings>;

export const projectInfo = z.object({
  name: z.string(),
  folder: z.string(),
  source: sourceDialect,
  targets: z.array(targetDialect),
  sourceKind: z.enum(['scripts', 'live']).optional(),
  scripts: z.array(z.string()),
  connections: z.object({ source: connectionSpec.optional(), target: connectionSpec.optional() }),
  loadedObjects: z.number().int(),
  convertedTargets: z.array(targetDialect),
  conflicts: z.array(z.string()),
  dirty: z.boolean(),
  /** Script variables (SQL*Plus &NAME, SQLCMD $(NAME)) kept in the project. */
  variables: z.record(z.string(), z.string()).optional(),
  /** Password-like script variables: names only; `set` when this session knows the value. */
  secretVariables: z.array(z.object({ name: z.string(), set: z.boolean() })).optional(),
  /** Conversion options set for this project (the rest take their defaults). */
  conversion: conversionSettings.optional(),
});

export const treeNode = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['schema', 'group', 'object']),
  objectType: z.string().optional(),
  hasChildren: z.boolean(),
  /** For objects: the source object key (what object.get takes). */
  key: z.string().optional(),
  status: conversionStatus.optional(),
  actionItems: z.number().int().optional(),
  edited: z.boolean().optional(),
  conflict: z.boolean().optional(),
});

export const treeFilter = z.strictObject({
  /** Name pattern; % matches any run of characters, _ one character; case-insensitive. Without % it matches anywhere. */
  name: z.string().max(200).optional(),
  types: z.array(z.string().max(40)).max(40).optional(),
});

export const statementRecord = z.object({
  index: z.number().int(),
  object: z.string().optional(),
  line: z.number().int(),
  status: z.enum(['applied', 'failed', 'not-run', 'rolled-back', 'skipped']),
  summary: z.string(),
  error: z.string().optional(),
  ms: z.number(),
});

export type ConnectionSpec = z.infer<typeof connectionSpec>;
export type ActionItem = z.infer<typeof actionItem>;
export type ProjectInfo = z.infer<typeof projectInfo>;
export type TreeNode = z.infer<typeof treeNode>;
export type TreeFilter = z.infer<typeof treeFilter>;
export type StatementRecordShape = z.infer<typeof statementRecord>;
