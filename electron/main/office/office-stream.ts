import { eventNames, type EventName } from '@shared/contract';
import type { OfficeLink } from '@shared/types';
import type { FetchLike } from './office-client';

export interface StreamOptions {
  origin: string;
  key: string;
  fetch: FetchLike;
  /** Each contract event the server pushes. */
  onEvent(name: EventName, payload: unknown): void;
  /** The link changed; `retryAt` is set while waiting to try again. */
  onLink(link: OfficeLink, at: { contactAt?: Date; retryAt?: Date }): void;
  /** Waits between attempts after a failure, in ms; the last one repeats. Default 1 s, 2 s, 4 s, 8 s, 15 s, 30 s. */
  backoffMs?: number[];
  /** Wait after the key was refused: slow, so the server's lock-out (10 wrong keys a minute) is never reached. Default 60 s. */
  refusedRetryMs?: number;
  /** No byte for this long (the server pings every 15 s) means a dead connection. Default 45 s. */
  idleMs?: number;
  now?: () => Date;
}

const DEFAULT_BACKOFF = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

/**
 * The office server's event stream (`GET /api/events`, server-sent events,
 * the key as a bearer header), kept open: after a drop it reconnects with
 * backoff and reports the link, so the console can say it is not live
 * instead of showing stale numbers as current.
 */
export class OfficeStream {
  private stopped = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | undefined;
  private readonly names = new Set<string>(eventNames);

  constructor(private readonly o: StreamOptions) {}

  private get now(): Date {
    return this.o.now?.() ?? new Date();
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abort?.abort();
  }

  /** Tries again now instead of waiting out the backoff (a call just reached the server). */
  retryNow(): void {
    if (this.stopped || !this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    void this.connect();
  }

  private schedule(link: 'unreachable' | 'refused'): void {
    if (this.stopped) return;
    const backoff = this.o.backoffMs ?? DEFAULT_BACKOFF;
    const wait = link === 'refused' ? (this.o.refusedRetryMs ?? 60_000) : backoff[Math.min(this.attempt, backoff.length - 1)]!;
    this.attempt++;
    const retryAt = new Date(this.now.getTime() + wait);
    this.o.onLink(link, { retryAt });
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect();
    }, wait);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const abort = new AbortController();
    this.abort = abort;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => abort.abort(), this.o.idleMs ?? 45_000);
    };
    let res: Response;
    try {
      touch();
      res = await this.o.fetch(`${this.o.origin}/api/events`, {
        method: 'GET',
        headers: { accept: 'text/event-stream', authorization: `Bearer ${this.o.key}` },
        signal: abort.signal,
      });
    } catch {
      clearTimeout(idle);
      return this.schedule('unreachable');
    }
    if (res.status === 401) {
      clearTimeout(idle);
      await res.body?.cancel().catch(() => undefined);
      return this.schedule('refused');
    }
    if (!res.ok || !res.body || !(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
      clearTimeout(idle);
      await res.body?.cancel().catch(() => undefined);
      return this.schedule('unreachable');
    }
    this.attempt = 0;
    this.o.onLink('connected', { contactAt: this.now });
    try {
      await this.read(res.body, touch);
    } catch {
      // A reset or the idle abort: the same as the server closing the stream.
    } finally {
      clearTimeout(idle);
    }
    if (!this.stopped) this.schedule('unreachable');
  }

  private async read(body: ReadableStream<Uint8Array>, touch: () => void): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      touch();
      buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        this.dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
      if (this.stopped) return;
    }
  }

  private dispatch(block: string): void {
    let name = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':') || line === '') continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') name = value;
      else if (field === 'data') data.push(value);
    }
    if (!this.names.has(name) || data.length === 0) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data.join('\n'));
    } catch {
      return;
    }
    this.o.onEvent(name as EventName, payload);
  }
}
