import type { FrontEnd } from '../../model/index.js';
export const mysqlFrontEnd: FrontEnd = { dialect: 'mysql', parse: () => { throw new Error('MySQL front end: in progress'); } };
