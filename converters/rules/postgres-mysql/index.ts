import type { RuleSet } from '../../model/index.js';
export const postgresToMysql: RuleSet = { source: 'postgres', target: 'mysql', transform: () => { throw new Error('in progress'); } };
