// Every request the UI can make: params (validated by the back end) and result.
import { z } from 'zod';
import type { RequestName } from './names.js';
import {
  actionItem, connectionSpec, conversionSettings, conversionStatus, decision, engine, objectRef, password, projectInfo, severity,
  sourceDialect, statementRecord, targetDialect, treeFilter, treeNode,
} from './shapes.js';
import { REPLICATION_REQUESTS } from './replication.js';

const none = z.strictObject({});
const ok = z.object({ ok: z.literal(true) });
const path = z.string().min(1).max(4096);
const taskId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'task ids are 1-64 letters, digits, - or _');
const objectKey = z.string().min(1).max(2000);

const convertSummary = z.object({
  target: targetDialect,
  objects: z.number().int(),
  converted: z.number().int(),
  withActions: z.number().int(),
  notConverted: z.number().int(),
  /** Source keys whose user edit merged cleanly into the new conversion. */
  merged: z.array(z.string()),
  /** Source keys whose user edit conflicts with the new conversion. */
  conflicts: z.array(z.string()),
  ms: z.number(),
});

export const REQUESTS = {
  'app.info': {
    params: none,
    result: z.object({
      version: z.string(), mode: z.enum(['web', 'desktop']), canPickPaths: z.boolean(), defaultFolder: z.string(),
      /** Source → target pairs the converters support (convert.ts supportedPairs()). */
      pairs: z.array(z.object({ source: sourceDialect, target: targetDialect })).optional(),
    }),
  },
  'host.pickPath': {
    params: z.strictObject({ kind: z.enum(['folder', 'file', 'save']), title: z.string().max(200) }),
    result: z.object({ path: z.string().nullable() }),
  },
  'project.create': {
    params: z.strictObject({
      name: z.string().trim().min(1, 'a project needs a name').max(120),
      folder: path,
      source: sourceDialect,
      targets: z.array(targetDialect).min(1, 'pick at least one target engine').max(2),
    }),
    result: projectInfo,
  },
  'project.open': { params: z.strictObject({ folder: path }), result: projectInfo },
  'project.save': { params: none, result: projectInfo },
  'project.close': { params: none, result: ok },
  'project.recent': {
    params: none,
    result: z.object({ projects: z.array(z.object({ name: z.string(), folder: z.string(), openedAt: z.string() })) }),
  },
  'project.current': { params: none, result: z.object({ project: projectInfo.nullable() }) },
  'project.setVariables': {
    params: z.strictObject({
      /** Every variable the project has after the call; a secret one given as '' keeps the value already known. */
      variables: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_$#.]{0,127}$/, 'variable names are letters, digits, _ $ # or .'), z.string().max(4096))
        .refine((v) => Object.keys(v).length <= 500, 'at most 500 variables'),
    }),
    result: projectInfo,
  },
  'project.setConversion': {
    /** Every option the project sets after the call; the others take their defaults. */
    params: z.strictObject({ settings: conversionSettings }),
    result: projectInfo,
  },
  'connection.parseUrl': {
    params: z.strictObject({ url: z.string().min(1).max(4096) }),
    result: z.object({ connection: connectionSpec, password: z.string().optional() }),
  },
  'connection.test': {
    params: z.strictObject({ connection: connectionSpec, password, role: z.enum(['source', 'target']) }),
    result: z.object({ engine, serverVersion: z.string(), display: z.string() }),
  },
  'connection.listSchemas': {
    params: z.strictObject({ connection: connectionSpec, password, role: z.enum(['source', 'target']) }),
    result: z.object({ schemas: z.array(z.string()) }),
  },
  'connection.save': {
    params: z.strictObject({ role: z.enum(['source', 'target']), connection: connectionSpec }),
    result: projectInfo,
  },
  'source.loadScripts': {
    params: z.strictObject({ paths: z.array(path).min(1, 'give at least one script file or folder').max(1000), taskId: taskId.optional() }),
    result: z.object({ project: projectInfo, files: z.number().int(), objects: z.number().int(), findings: z.number().int() }),
  },
  'source.loadLive': {
    params: z.strictObject({ connection: connectionSpec, password, schemas: z.array(z.string().max(255)).max(500).optional(), taskId: taskId.optional() }),
    result: z.object({ project: projectInfo, files: z.number().int(), objects: z.number().int(), findings: z.number().int() }),
  },
  'tree.children': {
    params: z.strictObject({
      side: z.enum(['source', 'target']),
      target: targetDialect.optional(),
      parentId: z.string().max(2000).nullable(),
      filter: treeFilter.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(500),
    }),
    result: z.object({ nodes: z.array(treeNode), total: z.number().int() }),
  },
  'convert.run': {
    params: z.strictObject({ target: targetDialect, keys: z.array(objectKey).max(100000).optional(), taskId: taskId.optional() }),
    result: z.object({ summary: convertSummary, project: projectInfo }),
  },
  'object.get': {
    params: z.strictObject({ key: objectKey, target: targetDialect }),
    result: z.object({
      key: z.string(),
      ref: objectRef,
      status: conversionStatus.nullable(),
      targets: z.array(z.object({ ref: objectRef, status: conversionStatus })),
      source: z.object({ file: z.string(), startLine: z.number().int(), text: z.string() }),
      /** Converted text as generated, and as the user has it (same unless edited). */
      generated: z.string().nullable(),
      text: z.string().nullable(),
      edited: z.boolean(),
      conflict: z.boolean(),
      items: z.array(actionItem),
    }),
  },
  'object.saveEdit': {
    params: z.strictObject({ key: objectKey, target: targetDialect, text: z.string().max(10_000_000), resolved: z.boolean().optional() }),
    result: z.object({ edited: z.boolean(), conflict: z.boolean(), project: projectInfo }),
  },
  'object.decide': {
    params: z.strictObject({ key: objectKey, target: targetDialect, itemKey: z.string().min(1).max(200), decision }),
    result: z.object({ decision }),
  },
  'apply.preview': {
    params: z.strictObject({ target: targetDialect, connection: connectionSpec }),
    result: z.object({
      script: z.string(),
      statements: z.array(z.object({ index: z.number().int(), object: z.string().optional(), line: z.number().int(), summary: z.string() })),
      warnings: z.array(z.string()),
    }),
  },
  'apply.run': {
    params: z.strictObject({ target: targetDialect, connection: connectionSpec, password, taskId }),
    result: z.object({
      ok: z.boolean(),
      cancelled: z.boolean(),
      mode: z.string(),
      target: z.string(),
      serverVersion: z.string().optional(),
      statements: z.array(statementRecord),
      failure: z.object({ index: z.number().int(), object: z.string().optional(), line: z.number().int(), message: z.string() }).optional(),
      notes: z.array(z.string()),
      /** MySQL stepwise runs that stopped part way: SQL that reverts what this run created, and where it was saved. */
      undoScript: z.string().optional(),
      undoFile: z.string().optional(),
      ms: z.number(),
    }),
  },
  'task.cancel': { params: z.strictObject({ taskId }), result: z.object({ cancelled: z.boolean() }) },
  'export.sql': {
    params: z.strictObject({ target: targetDialect, layout: z.enum(['single', 'per-object']), path: path.optional(), taskId: taskId.optional() }),
    result: z.object({ files: z.array(z.string()), folder: z.string() }),
  },
  'assessment.summary': {
    params: z.strictObject({
      target: targetDialect,
      /** The report's scope: whole source (default), one schema, or one object (its source key). */
      scope: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('all') }),
        z.strictObject({ kind: z.literal('schema'), schema: z.string().min(1).max(255) }),
        z.strictObject({ kind: z.literal('object'), key: objectKey }),
      ]).optional(),
    }),
    result: z.object({
      target: targetDialect,
      /** The scope in words ('whole source', 'schema hr', 'procedure hr.secure_dml'), and the schemas one can pick. */
      scope: z.string().optional(),
      schemas: z.array(z.string()).optional(),
      objects: z.object({ total: z.number(), converted: z.number(), withActions: z.number(), notConverted: z.number() }),
      bySeverity: z.record(severity, z.number()),
      byCategory: z.array(z.object({ category: z.string(), total: z.number(), converted: z.number(), withActions: z.number(), notConverted: z.number() })),
      topCodes: z.array(z.object({ code: z.string(), severity, count: z.number(), example: z.string() })),
      estimatedHours: z.number(),
      actionItems: z.number(),
      /** The full report for the in-app view (converters/assessment model, trimmed to what it shows). */
      report: z.object({
        executiveSummary: z.array(z.string()),
        storagePct: z.number(),
        codePct: z.number(),
        migrationLevel: z.enum(['A', 'B', 'C']),
        complexity: z.number(),
        effortModel: z.array(z.string()),
        byObjectType: z.array(z.object({
          type: z.string(), total: z.number(), converted: z.number(), simple: z.number(), medium: z.number(), significant: z.number(), notConverted: z.number(), linesOfCode: z.number(),
        })),
        codes: z.array(z.object({
          code: z.string(), title: z.string(), severity, effort: z.string(), hours: z.number(), recommendation: z.string(), docUrl: z.string().optional(),
          occurrences: z.array(z.object({
            file: z.string(), line: z.number(), column: z.number(), message: z.string(), object: z.string(),
            /** Source object key (object.get) when the occurrence belongs to an object. */
            objectKey: z.string().optional(),
            excerpt: z.string().optional(),
          })),
        })),
      }).optional(),
    }),
  },
  'report.export': {
    params: z.strictObject({
      target: targetDialect,
      format: z.enum(['html', 'pdf']),
      scope: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('all') }),
        z.strictObject({ kind: z.literal('schema'), schema: z.string().min(1).max(255) }),
        z.strictObject({ kind: z.literal('object'), key: objectKey }),
      ]).optional(),
    }),
    /** Files written under the project's export/report/<target>/ (the HTML always; the PDF when it could be printed). */
    result: z.object({ files: z.array(z.string()), note: z.string().optional() }),
  },
  ...REPLICATION_REQUESTS,
} satisfies Record<RequestName, { params: z.ZodType; result: z.ZodType }>;

export type Params<N extends RequestName> = z.input<(typeof REQUESTS)[N]['params']>;
export type ParsedParams<N extends RequestName> = z.output<(typeof REQUESTS)[N]['params']>;
export type Result<N extends RequestName> = z.infer<(typeof REQUESTS)[N]['result']>;
