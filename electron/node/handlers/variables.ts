// Script variables (SQL*Plus &NAME, SQLCMD $(NAME)) as a project setting. Plain ones are written to
// project.json; password-like ones only by name — their values go to the secret store (OS keychain
// in the desktop app, session memory in web mode), like connection passwords.
import type { SecretStore } from './host.js';
import type { OpenProject } from './session.js';

const SECRET_NAME = /pass|pwd|secret|token|credential|private.?key|api.?key/i;

/** A name whose value must never be written to the project. */
export function isSecretVariable(name: string): boolean {
  return SECRET_NAME.test(name);
}

const secretId = (folder: string, name: string): string => `variable|${folder}|${name.toUpperCase()}`;

/** Replaces the project's variables; a secret given as '' keeps the value this session already knows. */
export async function setVariables(p: OpenProject, secrets: SecretStore, given: Record<string, string>): Promise<void> {
  const plain: Record<string, string> = {};
  const secretNames: string[] = [];
  const known = p.secretValues ?? {};
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    if (!isSecretVariable(name)) { plain[name] = value; continue; }
    secretNames.push(name);
    const v = value !== '' ? value : known[name];
    if (v === undefined) continue;
    values[name] = v;
    if (value !== '') await secrets.set(secretId(p.folder, name), value);
  }
  if (Object.keys(plain).length) p.file.variables = plain; else delete p.file.variables;
  if (secretNames.length) p.file.secretVariables = secretNames; else delete p.file.secretVariables;
  p.secretValues = values;
}

/** On open: the values of the project's secret variables that the store remembers. */
export async function recallSecretVariables(p: OpenProject, secrets: SecretStore): Promise<void> {
  const values: Record<string, string> = {};
  for (const name of p.file.secretVariables ?? []) {
    const v = await secrets.get(secretId(p.folder, name));
    if (v !== undefined) values[name] = v;
  }
  p.secretValues = values;
}
