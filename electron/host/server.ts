import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Conf from 'conf';
import { bootCore, type Booted, type SandboxSize } from '../core/boot';
import type { Core } from '../core/core';
import { EventBus } from '../core/events';
import { createLogger, type Logger } from '../core/log';
import { FileSecretStore } from '../core/secrets';
import type { SettingsStore } from '../core/settings';
import { watchClockJumps } from '../core/clock-jump';
import { createHttpHandler } from './http-adapter';
import { acquireLock, DataDirLockedError, readLock } from '../core/lock';

export interface HostOptions {
  dataDir: string;
  port?: number;
  /** 127.0.0.1 unless the user explicitly opens the console to the network. */
  host?: string;
  token?: string;
  staticDir?: string;
  sandboxSize?: SandboxSize;
  sandboxSeed?: number;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  core: Core;
  server: Server;
  close(): Promise<void>;
}

export function hostSettingsStore(dataDir: string): SettingsStore {
  // conf is electron-store's base library: same file format, same API.
  return new Conf({ cwd: dataDir, configName: 'settings', projectName: 'condo-sync' }) as unknown as SettingsStore;
}

/** Serves the contract over HTTP with the renderer, owning the data dir. */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  mkdirSync(opts.dataDir, { recursive: true });
  const holder = readLock(opts.dataDir);
  if (holder) throw new DataDirLockedError(holder, opts.dataDir);

  const env = opts.env ?? process.env;
  const token = opts.token ?? env.CONDO_SYNC_TOKEN ?? randomBytes(24).toString('base64url');
  const logger = opts.logger ?? createLogger({ dir: join(opts.dataDir, 'logs') });
  let booted: Booted | undefined;
  // Events go through a relay so SSE clients can connect while the core boots.
  const relay = new EventBus();
  const adapter = createHttpHandler({
    call: (method, input) => {
      if (!booted) throw new Error('not ready');
      return booted.core.call(method, input);
    },
    events: relay,
    token,
    staticDir: opts.staticDir,
    isReady: () => booted !== undefined,
    onError: (err) => logger.error('request failed', { error: String(err) }),
  });
  const server = createServer((req, res) => void adapter.handler(req, res));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const closeServer = () =>
    new Promise<void>((resolve) => {
      adapter.closeStreams();
      server.close(() => resolve());
      server.closeAllConnections();
    });

  let lock: { release(): void };
  try {
    lock = acquireLock(opts.dataDir, { port, token });
  } catch (err) {
    await closeServer();
    throw err;
  }
  try {
    booted = await bootCore({
      dataDir: opts.dataDir,
      adapter: 'http',
      settings: hostSettingsStore(opts.dataDir),
      secrets: new FileSecretStore(opts.dataDir, env),
      logger,
      ...(opts.sandboxSize ? { sandboxSize: opts.sandboxSize } : {}),
      ...(opts.sandboxSeed !== undefined ? { sandboxSeed: opts.sandboxSeed } : {}),
    });
  } catch (err) {
    await closeServer();
    lock.release();
    throw err;
  }
  const unrelay = booted.core.events.subscribe((name, payload) => relay.emit(name, payload));
  // No powerMonitor here: a wall clock that jumped means the machine slept.
  const core = booted.core;
  const unwatch = watchClockJumps(() => {
    logger.info('wall clock jumped: resumed from sleep');
    core.resumed();
  });
  const running = booted;
  return {
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    core: running.core,
    server,
    async close() {
      unwatch();
      unrelay();
      await closeServer();
      await running.stop();
      lock.release();
    },
  };
}
