// Hand-built MySQL IR for rule tests (what the MySQL front end produces for small inputs).
import type { Column, DataType, Expr, Table, TypeName, Catalog, CatalogObject, Statement, Block, Routine, Select, TableExpr, Constraint, Index } from '../../../../converters/index.js';
import { NO_SPAN } from '../../../../converters/index.js';

const span = { ...NO_SPAN, file: 'test.sql', line: 1, column: 1 };
export { span };
export const type = (name: TypeName, extra: Partial<DataType> = {}): DataType => ({ kind: 'DataType', name, sourceText: extra.sourceText ?? name.toUpperCase(), span, ...extra });
export const column = (name: string, dataType: DataType, extra: Partial<Column> = {}): Column => ({ kind: 'Column', name, dataType, nullable: true, span, ...extra });
export const table = (name: string, columns: Column[], constraints: Constraint[] = [], extra: Partial<Table> = {}): Table =>
  ({ kind: 'Table', name: { schema: 'app', name }, columns, constraints, options: {}, span, ...extra });
export const pk = (...cols: string[]): Constraint => ({ kind: 'PrimaryKey', columns: cols.map((c) => ({ column: c })), span });
export const lit = (value: string | number | null): Expr => value === null ? { kind: 'Literal', type: 'null', value: 'NULL', span }
  : typeof value === 'number' ? { kind: 'Literal', type: 'number', value: String(value), span } : { kind: 'Literal', type: 'string', value, span };
export const ref = (...parts: string[]): Expr => ({ kind: 'ColumnRef', parts, span });
export const v = (name: string): Expr => ({ kind: 'Variable', name, scope: 'local', span });
export const fn = (name: string, ...args: Expr[]): Expr & { kind: 'FunctionCall' } => ({ kind: 'FunctionCall', name: { name }, args, span });
export const op = (o: Extract<Expr, { kind: 'Binary' }>['op'], left: Expr, right: Expr): Expr => ({ kind: 'Binary', op: o, left, right, span });
export const from = (name: string, alias?: string): TableExpr => ({ kind: 'TableRef', name: { name }, ...(alias ? { alias } : {}), span });
export const select = (items: (Expr | [Expr, string])[], extra: Partial<Select> = {}): Select =>
  ({ kind: 'Select', items: items.map((i) => (Array.isArray(i) ? { expr: i[0], alias: i[1] } : { expr: i })), from: [], groupBy: [], orderBy: [], span, ...extra });
export const block = (body: Statement[], declarations: Statement[] = [], label?: string): Block =>
  ({ kind: 'Block', body, declarations, exceptionHandlers: [], span, ...(label ? { label } : {}) });
export const routine = (kind: 'function' | 'procedure', name: string, params: Routine['params'], body: Block, extra: Partial<Routine> = {}): Routine =>
  ({ kind: 'Routine', routineKind: kind, name: { schema: 'app', name }, params, body, language: 'mysql', span, ...extra });
export const param = (name: string, dataType: DataType, mode: 'in' | 'out' | 'inout' = 'in') => ({ name, dataType, mode, span });
export const index = (name: string, tableName: string, cols: string[], extra: Partial<Index> = {}): Index =>
  ({ kind: 'Index', name, table: { schema: 'app', name: tableName }, columns: cols.map((c) => ({ column: c })), unique: false, span, inline: true, ...extra });
export const catalog = (...objects: CatalogObject[]): Catalog => ({ dialect: 'mysql', objects: [{ kind: 'Schema', name: { name: 'app' }, charset: 'utf8mb4', span }, ...objects] });
export const insert = (tableName: string, rows: Expr[][], columns?: string[]): CatalogObject => ({
  kind: 'DataScript', table: { schema: 'app', name: tableName }, rowCount: rows.length, span,
  statements: [{ kind: 'Insert', table: { schema: 'app', name: tableName }, ...(columns ? { columns } : {}), source: { kind: 'Values', rows, span }, span }],
});
export const sql = (objects: { statements: string[] }[]): string => objects.flatMap((o) => o.statements).map((s) => `${s};`).join('\n');
