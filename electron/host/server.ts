import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Conf from 'conf';
import { bootCore, type Booted, type SandboxSize } from '../runtime/boot';
import type { Core } from '../core/core';
import { EventBus } from '../core/events';
import { createLogger, type Logger } from '../core/log';
import { FileSecretStore } from '../core/secrets';
import type { SettingsStore } from '../core/settings';
import { watchClockJumps } from '../core/clock-jump';
import { createHttpHandler } from '../runtime/http-adapter';
import { acquireLock, DataDirLockedError, readLock } from '../runtime/lock';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE } from '../core/private-files';
import { checkExposure } from './exposure';
import { hostMatcher } from '../runtime/host-check';
import { chooseDatabase } from '../core/db/connect';
import type { ClusterTuning } from '../core/cluster/engine-cluster';
import { clusterTuningFromEnv } from '../core/cluster/tuning-env';

/** How the printed URL names the bound address: loopback stays 127.0.0.1, a wildcard bind too. */
function urlHost(bound: string): string {
  if (bound === '0.0.0.0' || bound === '::' || bound === 'localhost' || bound === '127.0.0.1') return '127.0.0.1';
  return bound.includes(':') ? `[${bound}]` : bound;
}

export interface HostOptions {
  dataDir: string;
  port?: number;
  /**
   * When `port` is taken, listen on a free port instead of failing, and add
   * a warning saying so. For `serve` without --port: the printed URL then
   * names the port actually used. An explicitly asked-for port never moves.
   */
  portFallback?: boolean;
  /** 127.0.0.1 unless the user explicitly opens the console to the network (then `token` is required). */
  host?: string;
  /** The access token; else CONDO_SYNC_TOKEN; else (loopback only) a random one. */
  token?: string;
  /** PEM certificate and key files: serve HTTPS. */
  tlsCert?: string;
  tlsKey?: string;
  /** Names besides the bound address that reach this host (a DNS name), for the Host check. */
  allowedHosts?: string[];
  staticDir?: string;
  sandboxSize?: SandboxSize;
  sandboxSeed?: number;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /** postgres://… for the engine's state; else CONDO_SYNC_DATABASE_URL; else SQLite in the data dir. */
  database?: string;
  /** PostgreSQL: connections of the engine's state pool (default 10). */
  poolSize?: number;
  /** PostgreSQL: jobs this engine runs at once (default 4); the shared queue's pool gets workers + 5. */
  workers?: number;
  /** PostgreSQL: the cluster's intervals and engine id (tests shorten them). */
  cluster?: ClusterTuning;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  /** Exposure warnings (plain HTTP off loopback), already logged; the CLI prints them. */
  warnings: string[];
  core: Core;
  server: Server;
  close(): Promise<void>;
}

export function hostSettingsStore(dataDir: string): SettingsStore {
  // conf is electron-store's base library: same file format, same API.
  const store = new Conf({ cwd: dataDir, configName: 'settings', projectName: 'condo-sync', configFileMode: PRIVATE_FILE_MODE });
  makePrivate(store.path); // a file from an older version
  return store as unknown as SettingsStore;
}

/** Serves the contract over HTTP with the renderer, owning the data dir. */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const env = opts.env ?? process.env;
  const chosenToken = opts.token ?? (env.CONDO_SYNC_TOKEN || undefined);
  // Before anything is created or listens: an unsafe exposure never starts.
  const exposure = checkExposure({ host: opts.host, token: chosenToken, tlsCert: opts.tlsCert, tlsKey: opts.tlsKey });
  // A malformed database URL is refused before anything listens, too.
  const store = chooseDatabase({ flag: opts.database, env, sqliteFile: join(opts.dataDir, 'condo-sync.sqlite') });
  ensurePrivateDir(opts.dataDir);
  const holder = readLock(opts.dataDir);
  if (holder) throw new DataDirLockedError(holder, opts.dataDir);

  const token = chosenToken ?? randomBytes(24).toString('base64url');
  const ownLogger = opts.logger ? undefined : createLogger({ dir: join(opts.dataDir, 'logs') });
  const logger = opts.logger ?? ownLogger!;
  for (const w of exposure.warnings) logger.warn(w);
  const hostCheck: { allowed(h: string | undefined): boolean } = { allowed: () => false };
  let booted: Booted | undefined;
  // Events go through a relay so SSE clients can connect while the core boots.
  const relay = new EventBus();
  const adapter = createHttpHandler({
    call: (method, input, caller) => {
      if (!booted) throw new Error('not ready');
      return booted.core.call(method, input, caller);
    },
    // Before the core is up no key is known; the token still works.
    checkKey: async (given, method) => booted?.core.access.checkKey(given, method),
    events: relay,
    token,
    staticDir: opts.staticDir,
    isReady: () => booted !== undefined,
    onError: (err) => logger.error('request failed', { error: String(err) }),
    scheme: exposure.tls ? 'https' : 'http',
    // Set once the port is known; nothing is answered before listen resolves.
    hostAllowed: (h) => hostCheck.allowed(h),
    log: logger,
  });
  const listener = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void adapter.handler(req, res);
  const server: Server = exposure.tls ? createHttpsServer({ cert: exposure.tls.cert, key: exposure.tls.key }, listener) : createServer(listener);
  server.keepAliveTimeout = 5_000;
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, exposure.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await listen(opts.port ?? 0);
  } catch (err) {
    if (!opts.portFallback || !opts.port || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    await listen(0);
    const moved = `Port ${opts.port} is already in use, so the console uses port ${(server.address() as AddressInfo).port} instead.`;
    exposure.warnings.push(moved);
    logger.warn(moved);
  }
  const port = (server.address() as AddressInfo).port;
  hostCheck.allowed = hostMatcher({ bound: exposure.host, port, ...(opts.allowedHosts ? { allowed: opts.allowedHosts } : {}) });
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
      ...(store.kind === 'postgres' ? { databaseUrl: store.url } : {}),
      ...(opts.poolSize ? { poolSize: opts.poolSize } : {}),
      ...(store.kind === 'postgres' ? { cluster: { ...clusterTuningFromEnv(env), ...opts.cluster, ...(opts.workers ? { workers: opts.workers } : {}) } } : {}),
      ...(opts.sandboxSize ? { sandboxSize: opts.sandboxSize } : {}),
      ...(opts.sandboxSeed !== undefined ? { sandboxSeed: opts.sandboxSeed } : {}),
    });
  } catch (err) {
    await closeServer();
    lock.release();
    await ownLogger?.close();
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
    url: `${exposure.tls ? 'https' : 'http'}://${urlHost(exposure.host)}:${port}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    warnings: exposure.warnings,
    core: running.core,
    server,
    async close() {
      unwatch();
      unrelay();
      await closeServer();
      await running.stop();
      lock.release();
      await ownLogger?.close();
    },
  };
}
