// Passwords in the desktop app: encrypted with the OS keychain (Electron safeStorage) in the
// user's settings folder, never in a project. Without a keychain they stay in memory only.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { safeStorage } from 'electron';
import type { SecretStore } from '../node/handlers/index.js';

export function keychainSecrets(file: string): SecretStore {
  const memory = new Map<string, string>();
  const load = async (): Promise<Record<string, string>> => {
    try { return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>; } catch { return {}; }
  };
  return {
    async get(id) {
      if (memory.has(id)) return memory.get(id);
      if (!safeStorage.isEncryptionAvailable()) return undefined;
      const enc = (await load())[id];
      if (!enc) return undefined;
      try { return safeStorage.decryptString(Buffer.from(enc, 'base64')); } catch { return undefined; }
    },
    async set(id, secret) {
      memory.set(id, secret);
      if (!safeStorage.isEncryptionAvailable()) return;
      const all = await load();
      all[id] = safeStorage.encryptString(secret).toString('base64');
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(all, null, 2), { mode: 0o600 });
    },
  };
}
