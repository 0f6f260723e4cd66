import { readFileSync } from 'node:fs';
import { REPLICATE_HELP } from './commands/replicate-help.js';
import { CONVERSION_SETTINGS } from '../../../converters/index.js';

// Set by build/build-electron.mjs (esbuild define) in the bundles; from the sources (tsx) it is undefined.
declare const __DBSHIFT_VERSION__: string | undefined;

export function toolVersion(): string {
  if (typeof __DBSHIFT_VERSION__ === 'string') return __DBSHIFT_VERSION__;
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { name?: string; version?: string };
    return pkg.name === 'dbshift' && pkg.version ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The conversion options, from the table that defines them (converters/model/conversion-settings.ts). */
function conversionOptionsHelp(): string {
  const rows = Object.entries(CONVERSION_SETTINGS).map(([name, spec]) => {
    const values = spec.kind === 'boolean' ? 'true|false' : spec.values.join('|');
    return `  ${name}=${values}\n      ${spec.applies}: ${spec.help} (default ${String(spec.default)})`;
  });
  return `Conversion options (--option NAME=VALUE, repeatable; recorded in assessment.json):\n${rows.join('\n')}\n`;
}

export const MAIN_HELP = `dbshift — convert database schemas and procedural code between engines

Usage:
  dbshift convert <files|folders…> --from mysql|postgres --to postgres|mysql --out DIR [--naming lower|snake|preserve]
  dbshift convert --source-url URL [--schemas a,b] --to postgres|mysql --out DIR
  dbshift apply DIR --target-url postgres://…|mysql://…|pglite:PATH [--dry-run]
  dbshift extract --source-url URL [--schemas a,b] --out FILE.json
  dbshift assess <files|folders…> --from X --to postgres,mysql --report DIR
  dbshift demo
  dbshift replicate create|start|resume|stop|status|logs|validate|delete DIR …   full load + CDC
  dbshift ui [--port N]          the workbench in a browser (same as npm run web)

Run "dbshift <command> --help" for the options of a command.

Global options:
  --help, -h       show help
  --version, -v    show the version
  --quiet, -q      no progress messages on stderr
  --json           machine-readable result on stdout (convert, apply, assess, extract)

Exit codes: 0 success, 2 bad usage or unreadable input, 3 applying to the target failed.
Passwords: in the URL, or DBSHIFT_SOURCE_PASSWORD / DBSHIFT_TARGET_PASSWORD / DBSHIFT_PASSWORD,
or asked for on the terminal (never echoed, never logged).
Set DBSHIFT_DEBUG=1 to see stack traces of unexpected errors.
`;

export const COMMAND_HELP: Record<string, string> = {
  replicate: REPLICATE_HELP,
  convert: `dbshift convert — convert scripts or a live database to another engine

Usage:
  dbshift convert <files|folders…> --from mysql|postgres --to postgres|mysql --out DIR [options]
  dbshift convert --source-url URL [--schemas a,b] --to postgres|mysql --out DIR [options]

Inputs: .sql files, or folders (all *.sql below them, recursively, in sorted order). Files may
be UTF-8 (with or without BOM), UTF-16 with BOM, or Latin-1 (used when a file is not valid
UTF-8; reported as an info item). Binary files are skipped with a finding; the rest converts.

Options:
  --from ENGINE        source engine: mysql (also MariaDB), postgres, oracle, sqlserver
  --to ENGINE          target engine: postgres or mysql
  --out DIR            output folder (created if needed)
  --naming STYLE       lower (default for PostgreSQL), snake (also splits CamelCase) or preserve
  --source-url URL     read the source from a live database instead of files (postgres://… or mysql://…)
  --schemas a,b        with --source-url: only these schemas/databases
  --define NAME=VALUE  a script variable: SQL*Plus &NAME / SQLCMD $(NAME) (repeatable)
  --option NAME=VALUE  a conversion option, see below (repeatable)
  --quiet, --json      see dbshift --help

${conversionOptionsHelp()}
Writes:
  DIR/apply.sql                           the whole target script in dependency order
  DIR/objects/<schema>/<type>/<name>.sql  one file per object
  DIR/assessment.json                     summary, objects and action items

Example:
  dbshift convert ./sakila --from mysql --to postgres --out ./out
`,
  apply: `dbshift apply — run a converted apply.sql against a target database

Usage:
  dbshift apply DIR --target-url URL [--dry-run]

URL: postgres://user@host:5432/db, mysql://user@host:3306/db, or pglite:PATH (embedded
PostgreSQL in a local folder). The password comes from the URL, DBSHIFT_TARGET_PASSWORD,
DBSHIFT_PASSWORD, or a prompt on the terminal.

Options:
  --target-url URL   where to apply
  --dry-run          check the script against the target without keeping any change
  --quiet, --json    see dbshift --help

Progress is printed per statement on stderr. Exit 3 when a statement fails: the failing object,
statement and line are printed; for MySQL targets (no transactional DDL) the undo script for
what was already created is written to DIR/undo-<timestamp>.sql.

Example:
  dbshift apply ./out --target-url postgres://app@localhost:5432/shop
`,
  extract: `dbshift extract — read a live database's catalog into a JSON file

Usage:
  dbshift extract --source-url URL [--schemas a,b] --out FILE.json

Example:
  DBSHIFT_SOURCE_PASSWORD=… dbshift extract --source-url mysql://root@localhost/sakila --out sakila.json
`,
  assess: `dbshift assess — the assessment report: what converts, what needs a person, how long it takes

Usage:
  dbshift assess <files|folders…> --from mysql|postgres|oracle|sqlserver --to postgres,mysql --report DIR [options]
  dbshift assess --source-url URL [--schemas a,b] --to postgres,mysql --report DIR [options]
  dbshift assess --inventory FILE.csv --report DIR [options]

Options:
  --format html,json,csv,pdf   what to write (default html,json,csv; pdf needs Chromium)
  --scope SCHEMA | [TYPE:]SCHEMA.NAME   report on one schema or one object
  --effort FILE.json           effort model weights (see README "Assessment report")
  --naming lower|snake|preserve
  --define NAME=VALUE          a script variable: SQL*Plus &NAME / SQLCMD $(NAME) (repeatable)
  --option NAME=VALUE          a conversion option, as for dbshift convert (repeatable)
  --parallel N                 inventory: databases assessed at the same time (default 4)

Writes DIR/assessment.html/.json, DIR/action-items.csv, DIR/action-items-summary.csv and
DIR/summary.csv (and .pdf). With several targets the per-target files get a -<target> suffix and
DIR/assessment.html/.json compare the targets and recommend one.
The inventory CSV has one row per database: name, source engine, URL or scripts folder,
schemas, target engines (lists separated by ;). Each database gets DIR/<name>/; DIR/inventory.html,
.json and .csv aggregate them. A database that cannot be read is reported there, not fatal.
`,
  demo: `dbshift demo — convert the bundled bookshop sample (MySQL) to PostgreSQL and run it

Usage:
  dbshift demo [--out DIR]

Converts samples/bookshop-mysql, applies the result to an embedded PostgreSQL (PGlite, no server
needed) in DIR/pglite, runs a few verification queries, and writes the report to DIR
(default ./demo-output).
`,
};
