// Editor languages per dialect: Monaco's own MySQL and PostgreSQL grammars, ours for Oracle PL/SQL
// and T-SQL. Exhaustive over the dialects, so a new source or target engine needs a choice here.
import type { SourceDialect, TargetDialect } from '../../../converters/model/index.js';
import { monaco } from '../monaco.js';
import { plsqlConf, plsqlLanguage } from './plsql.js';
import { tsqlConf, tsqlLanguage } from './tsql.js';

export const SOURCE_LANGUAGE: Record<SourceDialect, string> = { mysql: 'mysql', postgres: 'pgsql', oracle: 'plsql', sqlserver: 'tsql' };
export const TARGET_LANGUAGE: Record<TargetDialect, string> = { postgres: 'pgsql', mysql: 'mysql' };

monaco.languages.register({ id: 'plsql', aliases: ['Oracle PL/SQL', 'plsql'] });
monaco.languages.setLanguageConfiguration('plsql', plsqlConf);
monaco.languages.setMonarchTokensProvider('plsql', plsqlLanguage);
monaco.languages.register({ id: 'tsql', aliases: ['Transact-SQL', 'tsql'] });
monaco.languages.setLanguageConfiguration('tsql', tsqlConf);
monaco.languages.setMonarchTokensProvider('tsql', tsqlLanguage);
