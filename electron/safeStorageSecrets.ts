import { safeStorage } from 'electron';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SecretStore } from '../main/config/secretStore.js';
import type { AppLog } from '../main/applog/appLog.js';

const fileSchema = z.record(z.string(), z.string().max(10_000));

/**
 * Secrets encrypted with the OS secret store (Keychain, DPAPI, libsecret) through
 * Electron's safeStorage; only the ciphertext is on disk. Where the OS offers no real
 * store (Linux without a keyring falls back to plain obfuscation), secrets are kept in
 * memory for this session only and the manager is asked again after a restart.
 */
export function createSafeStorageSecrets(dataDir: string, log: AppLog): SecretStore {
  const path = join(dataDir, 'secrets.json');
  const memory = new Map<string, string>();
  const usable = safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  if (!usable) log.warn('no OS secret store: passwords are kept for this session only');

  const read = (): Record<string, string> => {
    try {
      return existsSync(path) ? fileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))) : {};
    } catch {
      log.warn('secrets file unreadable; ignoring it');
      return {};
    }
  };
  const write = (all: Record<string, string>): void => {
    writeFileSync(`${path}.tmp`, JSON.stringify(all), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  };

  return {
    get(name) {
      if (!usable) return memory.get(name) ?? null;
      const sealed = read()[name];
      if (!sealed) return null;
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        log.warn(`secret ${name} cannot be decrypted (OS key changed?)`);
        return null;
      }
    },
    set(name, value) {
      if (!usable) return void memory.set(name, value);
      write({ ...read(), [name]: safeStorage.encryptString(value).toString('base64') });
    },
    delete(name) {
      memory.delete(name);
      if (!usable) return;
      const { [name]: _gone, ...rest } = read();
      write(rest);
    },
  };
}
