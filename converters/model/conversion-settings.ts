// The conversion settings a person may choose (everything in ConvertOptions but the target and the
// naming/schema mapping, which have their own inputs), with the values each takes. Exhaustive over
// ConversionSettings: a new option breaks the build here until the CLI and the UI can offer it.
import type { ConvertOptions } from './pipeline.js';

export type ConversionSettings = Omit<ConvertOptions, 'target' | 'naming' | 'schemaMap'>;

export type SettingSpec =
  | { kind: 'boolean'; default: boolean; applies: string; help: string }
  | { kind: 'choice'; values: readonly string[]; default: string; applies: string; help: string };

export const CONVERSION_SETTINGS: { [K in keyof Required<ConversionSettings>]: SettingSpec } = {
  tinyint1AsBoolean: { kind: 'boolean', default: true, applies: 'MySQL → PostgreSQL', help: 'TINYINT(1) and BOOL columns become boolean' },
  timestampWithTimeZone: { kind: 'boolean', default: false, applies: 'MySQL → PostgreSQL', help: 'TIMESTAMP becomes timestamptz (values stay instants) instead of timestamp' },
  postgis: { kind: 'boolean', default: false, applies: 'MySQL → PostgreSQL', help: 'spatial types and indexes become PostGIS geometry and GIST (PostGIS must be installed)' },
  mysqlFlavor: { kind: 'choice', values: ['mysql', 'mariadb'], default: 'mysql', applies: '→ MySQL', help: 'the server the output is for where MySQL 8.0 and MariaDB differ' },
  oracleNumberWithoutPrecision: { kind: 'choice', values: ['numeric', 'double precision', 'bigint'], default: 'numeric', applies: 'Oracle → PostgreSQL', help: 'type of NUMBER without precision' },
  oracleIntegerAsInt: { kind: 'boolean', default: false, applies: 'Oracle → PostgreSQL', help: 'INTEGER/INT/SMALLINT (NUMBER(38)) become integer instead of numeric(38)' },
  oracleIdentityFromTrigger: { kind: 'boolean', default: true, applies: 'Oracle → PostgreSQL', help: 'a sequence + BEFORE INSERT trigger key pattern becomes an identity column' },
  nativeOnly: { kind: 'boolean', default: false, applies: 'all pairs', help: 'only native target features: no emulation functions; action items instead' },
};

export type SettingResult = { ok: true; settings: ConversionSettings } | { ok: false; error: string; hint: string };

const NAMES = Object.keys(CONVERSION_SETTINGS) as (keyof ConversionSettings)[];

/** Reads `name=value` pairs (as the CLI's --option takes them); names are case-insensitive. */
export function parseSettings(pairs: string[]): SettingResult {
  const settings: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const rawName = (eq < 0 ? pair : pair.slice(0, eq)).trim();
    const name = NAMES.find((n) => n.toLowerCase() === rawName.toLowerCase());
    if (!name) return { ok: false, error: `unknown conversion option "${rawName}"`, hint: `options: ${NAMES.join(', ')}` };
    const spec = CONVERSION_SETTINGS[name];
    const value = eq < 0 ? (spec.kind === 'boolean' ? 'true' : '') : pair.slice(eq + 1).trim();
    if (spec.kind === 'boolean') {
      const v = value.toLowerCase();
      if (!['true', 'false', 'yes', 'no', 'on', 'off', '1', '0'].includes(v)) return { ok: false, error: `option ${name} takes true or false, not "${value}"`, hint: `--option ${name}=true` };
      settings[name] = ['true', 'yes', 'on', '1'].includes(v);
    } else {
      if (!spec.values.includes(value)) return { ok: false, error: `option ${name} takes ${spec.values.map((x) => `"${x}"`).join(', ')}, not "${value}"`, hint: `--option ${name}=${spec.values[0]}` };
      settings[name] = value;
    }
  }
  return { ok: true, settings: settings as ConversionSettings };
}
