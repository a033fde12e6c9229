import http from 'node:http';
import https from 'node:https';
import type { Logger } from '../log';
import { backoffDelay, parseRetryAfter, realSleep, type Now, type Sleep } from './backoff';
import { AbortedError, SystemError, throwIfAborted, type SystemName } from './errors';
import { RETRYABLE_STATUS, errorForStatus, malformedBodyError, networkError, timeoutError } from './http-errors';
import { axiosTransport, directTransport, proxyConfigured, type Transport } from './http-transport';
import { HostPacer, type PacerOptions } from './pacer';
import { routeOf, safeUrl } from './redact';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestInfo {
  system: SystemName;
  host: string;
  attempt: number;
  /** When the attempt left the pacer (the injected clock), for rate accounting. */
  sentAt: number;
  durationMs: number;
  outcome: 'response' | 'timeout' | 'network' | 'aborted';
}

/** Called once per attempt; status 0 when no answer came back. The URL has private query values masked. */
export type OnRequest = (method: HttpMethod, url: string, status: number, info: RequestInfo) => void;

export type RateOptions = Pick<PacerOptions, 'requestsPerSecond' | 'burst' | 'concurrency' | 'adaptive'>;

export interface HttpPolicyOptions {
  system: SystemName;
  baseUrl: string;
  /** Per attempt, default 15 000 ms. */
  timeoutMs?: number;
  /** Attempts for 5xx, 408, timeouts and network errors, default 5. */
  maxAttempts?: number;
  /** 429s have their own budget, default 10: the host asked us to wait, the call did not fail. */
  maxRateLimitRetries?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Longest pause a `Retry-After` may impose, default 60 s. */
  maxPauseMs?: number;
  /** Pacing for this host, default 25 req/s, burst 25, 8 at a time. Ignored when `pacer` is given. */
  rate?: RateOptions;
  /** Share one host's pacer between clients that talk to it. */
  pacer?: HostPacer;
  headers?: Record<string, string>;
  onRequest?: OnRequest;
  log?: Logger;
  sleep?: Sleep;
  now?: Now;
  random?: () => number;
}

export interface RequestOptions {
  method: HttpMethod;
  /** Appended to the base URL; ids in it must already be encoded. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Overrides the method rule (e.g. login, deactivate: safe to repeat). */
  idempotent?: boolean;
  /** Overrides maxAttempts for this call (ping wants a quick answer). */
  maxAttempts?: number;
  /** A long poll: paced, but holds no concurrency slot while the server waits. */
  longPoll?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or undefined for an empty body. */
  data: unknown;
  method: HttpMethod;
  route: string;
}

export const DEFAULT_RATE: Required<Omit<RateOptions, 'adaptive'>> = { requestsPerSecond: 25, burst: 25, concurrency: 8 };

const MALFORMED = Symbol('malformed');

type Attempt = { kind: 'response'; status: number; headers: Record<string, string>; text: string } | { kind: 'failed'; error: SystemError };

/**
 * The one way both clients talk HTTP: pacing per host, per-attempt timeouts,
 * retries with full-jitter backoff, 429 pauses shared by the whole host, typed
 * errors, and an AbortSignal honoured at every wait.
 *
 * Retried: GET, PUT, DELETE, and PATCH (ours set fields to absolute values, so
 * a repeat lands on the same state), and POST only with an Idempotency-Key.
 */
export class HttpPolicy {
  readonly pacer: HostPacer;
  readonly system: SystemName;
  private readonly baseUrl: string;
  private readonly transport: Transport;
  private readonly agent: http.Agent;
  private readonly o: Required<Pick<HttpPolicyOptions, 'timeoutMs' | 'maxAttempts' | 'maxRateLimitRetries' | 'backoffBaseMs' | 'backoffCapMs' | 'maxPauseMs'>>;
  private readonly sleep: Sleep;
  private readonly now: Now;
  private readonly random: () => number;
  private readonly hostName: string;

  constructor(private readonly opts: HttpPolicyOptions) {
    this.system = opts.system;
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.sleep = opts.sleep ?? realSleep;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.o = {
      timeoutMs: opts.timeoutMs ?? 15_000,
      maxAttempts: opts.maxAttempts ?? 5,
      maxRateLimitRetries: opts.maxRateLimitRetries ?? 10,
      backoffBaseMs: opts.backoffBaseMs ?? 250,
      backoffCapMs: opts.backoffCapMs ?? 8_000,
      maxPauseMs: opts.maxPauseMs ?? 60_000,
    };
    const rate = { ...DEFAULT_RATE, ...opts.rate };
    this.pacer = opts.pacer ?? new HostPacer({ ...rate, now: this.now, sleep: this.sleep });
    const url = new URL(this.baseUrl);
    this.hostName = url.host;
    // Keep-alive matters at thousands of writes. Sockets are not capped here:
    // the pacer bounds concurrency, and long polls must not queue behind it.
    const agentOpts = { keepAlive: true };
    this.agent = url.protocol === 'https:' ? new https.Agent(agentOpts) : new http.Agent(agentOpts);
    // An office proxy named in the environment is honoured through axios; the
    // loopback sandboxes never go through one.
    this.transport = proxyConfigured(url) ? axiosTransport(this.agent) : directTransport(this.agent);
  }

  get host(): string {
    return this.hostName;
  }

  async request(req: RequestOptions): Promise<HttpResponse> {
    const url = this.urlFor(req);
    const route = routeOf(url);
    const retryable = req.idempotent ?? (req.method !== 'POST' || hasIdempotencyKey(req.headers));
    const maxAttempts = req.maxAttempts ?? this.o.maxAttempts;
    let attempt = 0;
    let rateLimited = 0;
    for (;;) {
      throwIfAborted(req.signal);
      attempt++;
      const release = await this.pacer.acquire(req.signal, { slot: !req.longPoll });
      const sentAt = this.now();
      let result: Attempt;
      try {
        // Aborted while it waited for its turn (a shared turn waits on the
        // database, which no signal interrupts): nothing is sent. An engine
        // that fenced itself off must not write once another runs its sync.
        throwIfAborted(req.signal);
        result = await this.once(req, url, route, attempt);
      } finally {
        release();
      }
      if (result.kind === 'failed') {
        if (retryable && attempt < maxAttempts) {
          this.opts.log?.debug('retrying after failure', { system: this.system, route, code: result.error.code, attempt });
          await this.sleep(this.backoff(attempt), req.signal);
          continue;
        }
        throw result.error;
      }
      const { status, headers, text } = result;
      if (status === 429) {
        const wait = parseRetryAfter(headers['retry-after'], this.now()) ?? this.backoff(rateLimited + 1);
        this.pacer.pause(Math.min(wait, this.o.maxPauseMs), sentAt);
        this.opts.log?.warn('rate limited; pausing host', { system: this.system, route, pauseMs: wait });
        if (retryable && rateLimited < this.o.maxRateLimitRetries) {
          rateLimited++;
          attempt--;
          continue; // the pacer holds this request until the pause ends
        }
        throw errorForStatus(this.system, req.method, route, status, text, attempt + rateLimited);
      }
      this.pacer.noteSuccess();
      if (status >= 200 && status < 300) {
        const data = this.parseBody(text);
        if (data !== MALFORMED) return { status, headers, data, method: req.method, route };
        // A cut-short body is a transport fault, like a dropped connection: an
        // idempotent call may simply be asked again.
        if (retryable && attempt < maxAttempts) {
          await this.sleep(this.backoff(attempt), req.signal);
          continue;
        }
        throw malformedBodyError(this.system, req.method, route, status, 'a body that is not valid JSON');
      }
      if (retryable && RETRYABLE_STATUS.has(status) && attempt < maxAttempts) {
        const hinted = parseRetryAfter(headers['retry-after'], this.now()) ?? 0;
        this.opts.log?.debug('retrying after status', { system: this.system, route, status, attempt });
        await this.sleep(Math.min(Math.max(this.backoff(attempt), hinted), this.o.maxPauseMs), req.signal);
        continue;
      }
      throw errorForStatus(this.system, req.method, route, status, text, attempt + rateLimited);
    }
  }

  /** Frees kept-alive sockets; the policy must not be used afterwards. */
  close(): void {
    this.agent.destroy();
  }

  private backoff(attempt: number): number {
    return backoffDelay(attempt, this.o.backoffBaseMs, this.o.backoffCapMs, this.random);
  }

  private urlFor(req: RequestOptions): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) params.set(k, String(v));
    const qs = params.toString();
    return `${this.baseUrl}${req.path}${qs ? `?${qs}` : ''}`;
  }

  private async once(req: RequestOptions, url: string, route: string, attempt: number): Promise<Attempt> {
    const timeoutMs = req.timeoutMs ?? this.o.timeoutMs;
    const ctrl = new AbortController();
    const onAbort = () => ctrl.abort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, timeoutMs);
    const started = this.now();
    const report = (status: number, outcome: RequestInfo['outcome']) => {
      try {
        this.opts.onRequest?.(req.method, safeUrl(url), status, {
          system: this.system,
          host: this.host,
          attempt,
          sentAt: started,
          durationMs: this.now() - started,
          outcome,
        });
      } catch {
        // A counting hook must never break a sync.
      }
    };
    try {
      const res = await this.transport({
        url,
        method: req.method,
        body: req.body,
        headers: { Accept: 'application/json', ...this.opts.headers, ...req.headers },
        signal: ctrl.signal,
      });
      report(res.status, 'response');
      return { kind: 'response', status: res.status, headers: res.headers, text: res.text };
    } catch (err) {
      if (req.signal?.aborted) {
        report(0, 'aborted');
        throw new AbortedError();
      }
      if (timedOut) {
        report(0, 'timeout');
        return { kind: 'failed', error: timeoutError(this.system, req.method, route, timeoutMs, attempt) };
      }
      report(0, 'network');
      const cause = (err as { code?: string }).code ?? 'network error';
      return { kind: 'failed', error: networkError(this.system, req.method, route, cause, attempt) };
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  }

  private parseBody(text: string): unknown {
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return MALFORMED;
    }
  }
}

function hasIdempotencyKey(headers: Record<string, string> | undefined): boolean {
  return Object.keys(headers ?? {}).some((k) => k.toLowerCase() === 'idempotency-key');
}
