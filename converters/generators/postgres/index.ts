import type { Generator } from '../../model/index.js';
export const postgresGenerator: Generator = { target: 'postgres', generate: () => { throw new Error('PostgreSQL generator: in progress'); } };
