import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../electron/core/secrets';
import { keyringProtects } from '../../electron/main/keyring';
import { tempDir } from '../helpers/temp-dir';

describe('how secrets are kept', () => {
  it('counts safeStorage as encryption only with a real keychain', () => {
    expect(keyringProtects({ platform: 'win32', available: true })).toBe(true);
    expect(keyringProtects({ platform: 'darwin', available: true })).toBe(true);
    expect(keyringProtects({ platform: 'linux', available: true, backend: 'gnome_libsecret' })).toBe(true);
    expect(keyringProtects({ platform: 'linux', available: true, backend: 'kwallet5' })).toBe(true);
    // Linux without a keyring: Chromium's built-in key, readable by anyone with the file.
    expect(keyringProtects({ platform: 'linux', available: true, backend: 'basic_text' })).toBe(false);
    expect(keyringProtects({ platform: 'linux', available: true })).toBe(false);
    expect(keyringProtects({ platform: 'win32', available: false })).toBe(false);
  });

  it('the host writes secrets.json 0600 and tightens one it finds readable by others', () => {
    const dir = tempDir();
    try {
      const store = new FileSecretStore(dir.path, {});
      const value = { condoManager: { url: 'https://cm.example', clientId: 'id', clientSecret: 's' }, condoControl: { url: 'https://cc.example', username: 'u', password: 'p' } };
      store.set(value);
      const file = join(dir.path, 'secrets.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      chmodSync(file, 0o644);
      writeFileSync(file, JSON.stringify(value));
      expect(store.get()).toEqual(value);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(store.storage).toBe('plain-file');
      expect(new FileSecretStore(dir.path, { CONDO_MANAGER_URL: 'https://a.example', CONDO_MANAGER_CLIENT_ID: 'a', CONDO_MANAGER_CLIENT_SECRET: 'b', CONDO_CONTROL_URL: 'https://b.example', CONDO_CONTROL_USERNAME: 'c', CONDO_CONTROL_PASSWORD: 'd' }).storage).toBe('environment');
    } finally {
      dir.cleanup();
    }
  });
});
