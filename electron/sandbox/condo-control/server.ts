// Starts the Condo Control sandbox: its store, API, web pages and /_sandbox.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { addControlRoutes } from '../common/control-routes';
import { Faults } from '../common/faults';
import { parseWith, unauthorized } from '../common/http-error';
import { json } from '../common/reply';
import { Router } from '../common/router';
import { startHttpServer } from '../common/server';
import type { SandboxLogger as Logger } from '../common/log';
import type { ReseedPolicy } from '../common/sqlite';
import { Stats } from '../common/stats';
import { DEFAULT_SEED } from '../portfolio/sizes';
import type { Size } from '../portfolio/types';
import { addAccountsApi } from './api-accounts';
import { addDirectoryApi, TOKEN_ROUTE } from './api-directory';
import { addUsersApi } from './api-users';
import { addCondoControlPages } from './pages';
import { Refusals, refusalsSchema } from './refusals';
import { CcStore } from './store';
import { Tokens } from './tokens';

export interface CondoControlOptions {
  dataDir: string;
  size?: Size;
  seed?: number;
  /** When to load the portfolio at start (default 'if-empty': edits survive restarts). */
  reseed?: ReseedPolicy;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  username?: string;
  password?: string;
  /** Lifetime of access tokens in seconds (default 3600); tests shorten it to force expiry. */
  tokenTtlSec?: number;
  faultSeed?: number;
  timeoutHoldMs?: number;
  /** Request log; the console passes its own (redacting) logger to in-process sandboxes. */
  log?: Logger;
}

export interface RunningCondoControl {
  url: string;
  store: CcStore;
  tokens: Tokens;
  close(): Promise<void>;
}

export async function startCondoControl(opts: CondoControlOptions): Promise<RunningCondoControl> {
  mkdirSync(opts.dataDir, { recursive: true });
  const store = new CcStore({
    file: path.join(opts.dataDir, 'condo-control.sqlite'),
    seed: opts.seed ?? DEFAULT_SEED,
    size: opts.size ?? 'small',
    reseed: opts.reseed,
  });
  const tokens = new Tokens(opts.tokenTtlSec ?? 3600);
  const credentials = { username: opts.username ?? 'demo', password: opts.password ?? 'demo-password' };
  const faults = new Faults(opts.faultSeed);
  const stats = new Stats();
  const router = new Router();
  const refusals = new Refusals();
  addControlRoutes(router, {
    system: 'condo-control',
    faults,
    stats,
    current: () => store.portfolio(),
    reset: (choice) => {
      refusals.set([]);
      store.reset(choice);
    },
  });
  router.add('POST', '/_sandbox/expire-tokens', 'control', () => json(200, { expired: tokens.expireAll() }));
  router.add('PUT', '/_sandbox/refusals', 'control', async (ctx) => json(200, { rules: refusals.set(parseWith(refusalsSchema, await ctx.json()).rules) }));
  addDirectoryApi(router, store, tokens, credentials);
  addUsersApi(router, store, refusals);
  addAccountsApi(router, store);
  addCondoControlPages(router, store);

  try {
    const http = await startHttpServer(
      {
        name: 'condo-control',
        title: 'Condo Control',
        router,
        faults,
        stats,
        timeoutHoldMs: opts.timeoutHoldMs,
        ...(opts.log ? { log: opts.log.child?.({ component: 'sandbox:condo-control' }) ?? opts.log } : {}),
        expireTokens: () => tokens.expireAll(),
        authenticate(req, route) {
          if (route.pattern === TOKEN_ROUTE) return;
          const header = req.headers.authorization ?? '';
          const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
          if (!token || !tokens.valid(token)) {
            throw unauthorized(token ? 'The access token has expired or is not valid. Log in again.' : 'Send Authorization: Bearer with an access token.');
          }
        },
      },
      opts.port ?? 0,
      opts.host ?? '127.0.0.1',
    );
    return {
      url: http.url,
      store,
      tokens,
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
