import type { RuleSet } from '../../model/index.js';
export const mysqlToPostgres: RuleSet = { source: 'mysql', target: 'postgres', transform: () => { throw new Error('in progress'); } };
