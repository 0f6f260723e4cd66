import type { Generator } from '../../model/index.js';
export const mysqlGenerator: Generator = { target: 'mysql', generate: () => { throw new Error('MySQL generator: in progress'); } };
