import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SecretStorage } from '@shared/types';
import { makePrivate } from './private-files';

/** Credentials for both systems. A real deployment changes only these. */
export const connectionSecretsSchema = z.object({
  condoManager: z.object({ url: z.string().url(), clientId: z.string().min(1), clientSecret: z.string().min(1) }),
  condoControl: z.object({ url: z.string().url(), username: z.string().min(1), password: z.string().min(1) }),
});
export type ConnectionSecrets = z.infer<typeof connectionSecretsSchema>;

export interface SecretStore {
  /** The configured connection, or undefined for sandbox mode. */
  get(): ConnectionSecrets | undefined;
  set(value: ConnectionSecrets | null): void;
  /** Where the secrets come from, for diagnostics (never the values). */
  readonly source: string;
  /** How they are kept, so Settings says what is true for this mode. */
  readonly storage: SecretStorage;
}

export class MemorySecretStore implements SecretStore {
  readonly source = 'memory';
  readonly storage = 'memory' as const;
  constructor(private value?: ConnectionSecrets) {}
  get() {
    return this.value;
  }
  set(value: ConnectionSecrets | null) {
    this.value = value ?? undefined;
  }
}

const ENV = [
  'CONDO_MANAGER_URL',
  'CONDO_MANAGER_CLIENT_ID',
  'CONDO_MANAGER_CLIENT_SECRET',
  'CONDO_CONTROL_URL',
  'CONDO_CONTROL_USERNAME',
  'CONDO_CONTROL_PASSWORD',
] as const;

/** Reads the six CONDO_* variables; all or none must be set. */
export function secretsFromEnv(env: NodeJS.ProcessEnv = process.env): ConnectionSecrets | undefined {
  const present = ENV.filter((k) => env[k]);
  if (present.length === 0) return undefined;
  const missing = ENV.filter((k) => !env[k]);
  if (missing.length) throw new Error(`Set all six connection variables or none; missing: ${missing.join(', ')}.`);
  const parsed = connectionSecretsSchema.safeParse({
    condoManager: { url: env.CONDO_MANAGER_URL, clientId: env.CONDO_MANAGER_CLIENT_ID, clientSecret: env.CONDO_MANAGER_CLIENT_SECRET },
    condoControl: { url: env.CONDO_CONTROL_URL, username: env.CONDO_CONTROL_USERNAME, password: env.CONDO_CONTROL_PASSWORD },
  });
  if (!parsed.success) throw new Error('CONDO_MANAGER_URL and CONDO_CONTROL_URL must be URLs such as https://example.com.');
  return parsed.data;
}

/**
 * The host's secret store: the environment wins; otherwise a 0600
 * `secrets.json` in the data dir, which Settings in the browser UI writes.
 */
export class FileSecretStore implements SecretStore {
  private readonly file: string;
  constructor(
    dataDir: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.file = join(dataDir, 'secrets.json');
  }

  get source(): string {
    return secretsFromEnv(this.env) ? 'environment' : existsSync(this.file) ? 'secrets.json' : 'none';
  }

  /** secrets.json is plain JSON, protected only by its 0600 mode. */
  get storage(): SecretStorage {
    return secretsFromEnv(this.env) ? 'environment' : 'plain-file';
  }

  get(): ConnectionSecrets | undefined {
    const fromEnv = secretsFromEnv(this.env);
    if (fromEnv) return fromEnv;
    if (!existsSync(this.file)) return undefined;
    makePrivate(this.file); // a file copied in, or written by an older version, may be readable by others
    const parsed = connectionSecretsSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
    if (!parsed.success) throw new Error(`${this.file} is not a valid connection file; fix it in Settings or delete it to return to sandbox mode.`);
    return parsed.data;
  }

  set(value: ConnectionSecrets | null): void {
    if (value === null) {
      rmSync(this.file, { force: true });
      return;
    }
    // Write then rename, so a crash never leaves a half-written secrets file.
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(value, null, 2), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
  }
}
