import { safeStorage } from 'electron';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { connectionSecretsSchema, secretsFromEnv, type ConnectionSecrets, type SecretStore } from '../core/secrets';
import type { Logger } from '../core/log';
import type { SecretStorage } from '@shared/types';
import { keyringProtects } from './keyring';
import type { OfficeKeyStore } from './office/boot-decision';

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
    const text = readSealed(this.file);
    return text === undefined ? undefined : connectionSecretsSchema.parse(JSON.parse(text));
  }

  set(value: ConnectionSecrets | null): void {
    if (value === null) return void rmSync(this.file, { force: true });
    writeSealed(this.file, JSON.stringify(value), this.log);
  }
}

/** A file sealed with safeStorage (or, without a keyring, the marked plain fallback); undefined when absent. */
function readSealed(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const raw = readFileSync(file);
  return raw.subarray(0, 5).toString() === 'plain' ? raw.subarray(5).toString('utf8') : safeStorage.decryptString(raw);
}

function writeSealed(file: string, text: string, log: Logger): void {
  let data: Buffer;
  if (protectedByKeyring()) data = safeStorage.encryptString(text);
  else {
    log.warn('no OS keyring: a secret is stored in a 0600 file without encryption', { file: basename(file) });
    data = Buffer.concat([Buffer.from('plain'), Buffer.from(text)]);
  }
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/**
 * The office server's access key (Settings → Connect to an office server),
 * kept like the connection secrets: safeStorage, or the logged 0600 fallback.
 */
export class SafeOfficeKeyStore implements OfficeKeyStore {
  private readonly file: string;
  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.file = join(dataDir, 'office-key.bin');
  }

  get storage(): SecretStorage {
    return protectedByKeyring() ? 'encrypted' : 'no-keyring';
  }

  get(): string | undefined {
    return readSealed(this.file);
  }

  set(key: string | null): void {
    if (key === null) return void rmSync(this.file, { force: true });
    writeSealed(this.file, key, this.log);
  }
}
