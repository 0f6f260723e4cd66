import type { FrontEnd } from '../../model/index.js';
export const postgresFrontEnd: FrontEnd = { dialect: 'postgres', parse: () => { throw new Error('PostgreSQL front end: in progress'); } };
