// Starts the Condo Manager sandbox: its store, API, web pages and /_sandbox.
import { timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { addControlRoutes } from '../common/control-routes';
import { Faults } from '../common/faults';
import { unauthorized } from '../common/http-error';
import { Router } from '../common/router';
import { startHttpServer } from '../common/server';
import type { SandboxLogger as Logger } from '../common/log';
import type { ReseedPolicy } from '../common/sqlite';
import { Stats } from '../common/stats';
import { DEFAULT_SEED } from '../portfolio/sizes';
import type { Size } from '../portfolio/types';
import { addCondoManagerApi } from './api-routes';
import { addCondoManagerPages } from './pages';
import { CmStore } from './store';

export interface CondoManagerOptions {
  dataDir: string;
  size?: Size;
  seed?: number;
  /** When to load the portfolio at start (default 'if-empty': edits survive restarts). */
  reseed?: ReseedPolicy;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** Seed for the fault dice; fixed seeds give repeatable fault sequences. */
  faultSeed?: number;
  /** Change-feed events kept before older cursors answer 410 (default 10,000). */
  feedRetention?: number;
  /** How long a timeout fault holds a request (default 60 s). */
  timeoutHoldMs?: number;
  /** Request log; the console passes its own (redacting) logger to in-process sandboxes. */
  log?: Logger;
}

export interface RunningCondoManager {
  url: string;
  store: CmStore;
  close(): Promise<void>;
}

function same(a: string | string[] | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startCondoManager(opts: CondoManagerOptions): Promise<RunningCondoManager> {
  mkdirSync(opts.dataDir, { recursive: true });
  const store = new CmStore({
    file: path.join(opts.dataDir, 'condo-manager.sqlite'),
    seed: opts.seed ?? DEFAULT_SEED,
    size: opts.size ?? 'small',
    reseed: opts.reseed,
    feedRetention: opts.feedRetention,
  });
  const clientId = opts.clientId ?? 'demo';
  const clientSecret = opts.clientSecret ?? 'demo-secret';
  const faults = new Faults(opts.faultSeed);
  const stats = new Stats();
  const router = new Router();
  addControlRoutes(router, {
    system: 'condo-manager',
    faults,
    stats,
    current: () => store.portfolio(),
    reset: (choice) => void store.reset(choice),
  });
  addCondoManagerApi(router, store);
  addCondoManagerPages(router, store);

  try {
    const http = await startHttpServer(
      {
        name: 'condo-manager',
        title: 'Condo Manager',
        router,
        faults,
        stats,
        timeoutHoldMs: opts.timeoutHoldMs,
        ...(opts.log ? { log: opts.log.child?.({ component: 'sandbox:condo-manager' }) ?? opts.log } : {}),
        authenticate(req) {
          if (!same(req.headers['x-cm-client-id'], clientId) || !same(req.headers['x-cm-client-secret'], clientSecret)) {
            throw unauthorized('Send x-cm-client-id and x-cm-client-secret with valid API credentials.');
          }
        },
      },
      opts.port ?? 0,
      opts.host ?? '127.0.0.1',
    );
    return {
      url: http.url,
      store,
      close: async () => {
        await http.close();
        store.close();
      },
    };
  } catch (err) {
    store.close();
    throw err;
  }
}
