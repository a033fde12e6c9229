import { safeStorage } from 'electron';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { connectionSecretsSchema, secretsFromEnv, type ConnectionSecrets, type SecretStore } from '../core/secrets';
import type { Logger } from '../core/log';
import type { SecretStorage } from '@shared/types';
import { keyringProtects } from './keyring';

/** safeStorage with a keychain that really protects (see keyring.ts). */
function protectedByKeyring(): boolean {
  const available = safeStorage.isEncryptionAvailable();
  const backend = process.platform === 'linux' && available ? safeStorage.getSelectedStorageBackend() : undefined;
  return keyringProtects({ platform: process.platform, available, ...(backend ? { backend } : {}) });
}

/**
 * Secrets encrypted with the OS keychain through safeStorage. Where the OS
 * offers no keychain (Linux without GNOME Keyring or KWallet), falls back to
 * a 0600 plain file, logs it, and reports `no-keyring` so Settings warns,
 * rather than failing or pretending an obfuscation is encryption.
 */
export class SafeSecretStore implements SecretStore {
  private readonly file: string;
  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.file = join(dataDir, 'secrets.bin');
  }

  get source(): string {
    return secretsFromEnv() ? 'environment' : existsSync(this.file) ? 'safeStorage' : 'none';
  }

  /** Encrypted only where the OS offers a keychain; otherwise the 0600 fallback file is plain text. */
  get storage(): SecretStorage {
    if (secretsFromEnv()) return 'environment';
    return protectedByKeyring() ? 'encrypted' : 'no-keyring';
  }

  get(): ConnectionSecrets | undefined {
    const fromEnv = secretsFromEnv();
    if (fromEnv) return fromEnv;
    if (!existsSync(this.file)) return undefined;
    const raw = readFileSync(this.file);
    const text = raw.subarray(0, 5).toString() === 'plain' ? raw.subarray(5).toString('utf8') : safeStorage.decryptString(raw);
    return connectionSecretsSchema.parse(JSON.parse(text));
  }

  set(value: ConnectionSecrets | null): void {
    if (value === null) return void rmSync(this.file, { force: true });
    const json = JSON.stringify(value);
    let data: Buffer;
    if (protectedByKeyring()) data = safeStorage.encryptString(json);
    else {
      this.log.warn('no OS keyring: connection secrets are stored in a 0600 file without encryption');
      data = Buffer.concat([Buffer.from('plain'), Buffer.from(json)]);
    }
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, data, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
  }
}
