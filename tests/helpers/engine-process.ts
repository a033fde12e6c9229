// An engine as its own operating-system process, reached only the way a
// console reaches one: `condo-sync serve` (electron/host/cli.ts through tsx,
// as bin/condo-sync.mjs runs it from a checkout), its HTTP contract
// (`POST /api/<method>` with the access token) and its event stream
// (`GET /api/events`). Tests of several engines on one PostgreSQL start two
// of these on the same --database and kill them with SIGKILL.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Events, EventName } from '@shared/contract';
import { spawnTs, type TsChild } from './ts-child';

export interface EngineProcessOptions {
  /** Shows in failures and in the engine's pool's application_name. */
  name: string;
  /** postgres://… (the engines share it), or undefined for SQLite in the data dir. */
  databaseUrl?: string;
  /** The sandboxes' origins: the engine reaches them as live systems (the six CONDO_* variables). */
  condoManagerUrl: string;
  condoControlUrl: string;
  /** A data dir of its own (settings, logs, the data-dir lock). */
  dataDir: string;
  /** Settings → rate for both clients (per engine; a shared limit is the engine's business). */
  rate?: { condoManagerPerSec?: number; condoControlPerSec?: number; concurrency?: number };
  /** Extra environment (e.g. the cluster's intervals). */
  env?: Record<string, string>;
  /** How long to wait for the engine to print its URL (default 90 s: tsx on a busy 2-core machine). */
  readyMs?: number;
}

export interface ReceivedEvent<N extends EventName = EventName> {
  name: N;
  payload: Events[N];
  /** Date.now() when it arrived. */
  at: number;
}

export interface EventStream {
  readonly received: ReceivedEvent[];
  /** Resolves with the first event (already received or to come) that matches; rejects after ms. */
  waitFor<N extends EventName>(name: N, match: (payload: Events[N]) => boolean, ms: number): Promise<ReceivedEvent<N>>;
  close(): void;
}

/** A contract call that answered `{ ok: false }`: the engine's typed error. */
export class EngineCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface EngineProcess {
  readonly name: string;
  /** http://127.0.0.1:PORT (no token). */
  readonly url: string;
  readonly token: string;
  readonly dataDir: string;
  readonly pid: number;
  readonly child: TsChild;
  /** One contract method over HTTP; throws EngineCallError with the engine's code. */
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  /** Subscribes to the engine's server-sent events; resolves once the stream is open. */
  events(): Promise<EventStream>;
  /** SIGKILL: no clean-up of any kind, as a machine that loses power. */
  kill9(): Promise<void>;
  /** SIGTERM: the engine stops its work and leaves (what `serve` does on Ctrl-C). */
  stop(): Promise<void>;
}

/** Starts `condo-sync serve` on a free port; resolves once its /api/health answers 200. */
export async function startEngine(opts: EngineProcessOptions): Promise<EngineProcess> {
  // Hex: a base64url token may start with '-', which the CLI's parser takes for an option.
  const token = randomBytes(24).toString('hex');
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  // Settings → rate, as an administrator would set it (the host's settings file in the data dir).
  if (opts.rate) writeFileSync(join(opts.dataDir, 'settings.json'), JSON.stringify({ rate: opts.rate }), { mode: 0o600 });

  const args = ['serve', '--no-build', '--port', '0', '--data-dir', opts.dataDir, '--token', token];
  if (opts.databaseUrl) args.push('--database', opts.databaseUrl);
  const child = spawnTs('electron/host/cli.ts', args, {
    CONDO_MANAGER_URL: opts.condoManagerUrl,
    CONDO_MANAGER_CLIENT_ID: 'demo',
    CONDO_MANAGER_CLIENT_SECRET: 'demo-secret',
    CONDO_CONTROL_URL: opts.condoControlUrl,
    CONDO_CONTROL_USERNAME: 'demo',
    CONDO_CONTROL_PASSWORD: 'demo-password',
    // Neither the parent's database choice nor its token leaks into the engine.
    CONDO_SYNC_DATABASE_URL: '',
    CONDO_SYNC_TOKEN: '',
    ...opts.env,
  });
  let url: string;
  try {
    const line = await child.waitFor(/^https?:\/\/127\.0\.0\.1:\d+\//, opts.readyMs ?? 90_000);
    url = new URL(line).origin;
    await waitHealthy(url, 30_000);
  } catch (err) {
    await child.kill9();
    throw new Error(`engine ${opts.name} did not start: ${(err as Error).message}\n${child.lines.slice(-20).join('\n')}`);
  }
  const call = async <T>(method: string, input?: unknown): Promise<T> => {
    const res = await fetch(`${url}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
    const body = (await res.json()) as { ok: true; result: T } | { ok: false; error: { code: string; message: string } };
    if (!body.ok) throw new EngineCallError(body.error.code, body.error.message, res.status);
    return body.result;
  };
  return {
    name: opts.name,
    url,
    token,
    dataDir: opts.dataDir,
    pid: child.process.pid!,
    child,
    call,
    events: () => openEventStream(url, token),
    kill9: () => child.kill9(),
    async stop() {
      const p = child.process;
      if (p.exitCode !== null || p.signalCode !== null) return;
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      // A stop that hangs is a finding, but must not hang the suite: SIGKILL after 20 s.
      const timer = setTimeout(() => p.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitHealthy(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const status = await fetch(`${url}/api/health`).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > end) throw new Error(`${url}/api/health answered ${status} for ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A server-sent event client over fetch: `event: <name>` / `data: <json>` blocks, as http-adapter.ts writes them. */
export async function openEventStream(url: string, token: string): Promise<EventStream> {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/events`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: abort.signal });
  if (res.status !== 200 || !res.body) throw new Error(`GET /api/events answered ${res.status}`);
  const received: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  let buffered = '';
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const name = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!name || data === undefined) continue; // a comment (keep-alive) or the opening line
          received.push({ name: name as EventName, payload: JSON.parse(data) as Events[EventName], at: Date.now() });
          for (const w of waiters) w();
        }
      }
    } catch {
      // Closed by close(), or the engine went away.
    }
  })();
  return {
    received,
    waitFor(name, match, ms) {
      return new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < received.length; seen++) {
            const e = received[seen]!;
            if (e.name === name && match(e.payload as Events[typeof name])) {
              clearTimeout(timer);
              waiters.delete(check);
              resolve(e as ReceivedEvent<typeof name>);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${name} event matching within ${ms} ms (${received.length} events received)`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
}
