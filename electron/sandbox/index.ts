// The two emulated systems Condo Sync talks to, as real HTTP servers on
// loopback: the console's embedded default (sandbox mode) and the double for
// every engine test and benchmark. Contract: ../../shared/design/SYSTEMS.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCondoControl, type CondoControlOptions, type RunningCondoControl } from './condo-control/server';
import { startCondoManager, type CondoManagerOptions, type RunningCondoManager } from './condo-manager/server';
import type { ReseedPolicy } from './common/sqlite';
import type { Size } from './portfolio/types';
import type { SandboxLogger as Logger } from './common/log';

export { startCondoManager, startCondoControl };
export type { CondoManagerOptions, CondoControlOptions, RunningCondoManager, RunningCondoControl };
export { DEFAULT_SEED, SIZES } from './portfolio/sizes';
export { corporationCodeOfWorkspace, workspaceName } from './portfolio/workspace-name';
export { STORY_EMAILS } from './portfolio/story';
export type { Size } from './portfolio/types';
export type { ReseedPolicy } from './common/sqlite';

export interface SandboxCredentials {
  condoManagerClientId?: string;
  condoManagerClientSecret?: string;
  condoControlUsername?: string;
  condoControlPassword?: string;
}

export interface SandboxOptions {
  /** Both stores live here: condo-manager.sqlite and condo-control.sqlite. */
  dataDir: string;
  size?: Size;
  /** Portfolio seed (default 2750). Loaded only when a store is empty, unless `reseed` says otherwise. */
  seed?: number;
  /**
   * 'if-empty' (default): keep what a store holds, so edits survive restarts;
   * 'if-different': reseed when the store holds another seed or size;
   * 'always': start from a fresh portfolio.
   */
  reseed?: ReseedPolicy;
  /** 0 or absent: a free port. */
  cmPort?: number;
  ccPort?: number;
  /** Default 127.0.0.1. */
  host?: string;
  credentials?: SandboxCredentials;
  /** Condo Control token lifetime (default 3600 s). */
  tokenTtlSec?: number;
  /** Seeds the fault dice of both servers, for repeatable fault sequences. */
  faultSeed?: number;
  /** Change-feed events Condo Manager keeps (default 10,000). */
  feedRetention?: number;
  /** Request log of both servers (the console's logger in sandbox mode). */
  log?: Logger;
}

export interface RunningSandboxes {
  /** Bare origins: http://127.0.0.1:PORT, no trailing slash. */
  condoManagerUrl: string;
  condoControlUrl: string;
  /**
   * Which pair of stores these are (their folder and portfolio), whatever the
   * ports: the console's "is this a new connection?" asks this, not the URLs.
   */
  identity: string;
  close(): Promise<void>;
}

const PORTS_FILE = 'ports.json';

/**
 * The sandboxes of one data dir on the ports they had last time (kept in
 * ports.json beside the stores), so bookmarks of their pages keep working
 * across restarts; a port another program took since is replaced by a free one.
 */
export async function startSandboxesOnStablePorts(opts: Omit<SandboxOptions, 'cmPort' | 'ccPort'>): Promise<RunningSandboxes> {
  const file = join(opts.dataDir, PORTS_FILE);
  let last: { cm?: number; cc?: number } = {};
  try {
    last = JSON.parse(readFileSync(file, 'utf8')) as typeof last;
  } catch {
    // First start, or an unreadable file: free ports, remembered below.
  }
  const valid = (p: unknown) => (typeof p === 'number' && Number.isInteger(p) && p > 0 && p < 65536 ? p : 0);
  let running: RunningSandboxes;
  try {
    running = await startSandboxes({ ...opts, cmPort: valid(last.cm), ccPort: valid(last.cc) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    running = await startSandboxes({ ...opts, cmPort: 0, ccPort: 0 });
  }
  const port = (url: string) => Number(new URL(url).port);
  mkdirSync(opts.dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify({ cm: port(running.condoManagerUrl), cc: port(running.condoControlUrl) })}\n`);
  return running;
}

export async function startSandboxes(opts: SandboxOptions): Promise<RunningSandboxes> {
  const common = { dataDir: opts.dataDir, size: opts.size, seed: opts.seed, reseed: opts.reseed, host: opts.host, faultSeed: opts.faultSeed, ...(opts.log ? { log: opts.log } : {}) };
  const cm = await startCondoManager({
    ...common,
    port: opts.cmPort,
    clientId: opts.credentials?.condoManagerClientId,
    clientSecret: opts.credentials?.condoManagerClientSecret,
    feedRetention: opts.feedRetention,
  });
  let cc: RunningCondoControl;
  try {
    cc = await startCondoControl({
      ...common,
      port: opts.ccPort,
      username: opts.credentials?.condoControlUsername,
      password: opts.credentials?.condoControlPassword,
      tokenTtlSec: opts.tokenTtlSec,
    });
  } catch (err) {
    await cm.close();
    throw err;
  }
  const choice = (c: { seed: number; size: string }) => `${c.seed}:${c.size}`;
  return {
    condoManagerUrl: cm.url,
    condoControlUrl: cc.url,
    identity: `sandbox:${resolve(opts.dataDir)}:${choice(cm.store.portfolio())}:${choice(cc.store.portfolio())}`,
    close: async () => {
      await Promise.all([cm.close(), cc.close()]);
    },
  };
}
