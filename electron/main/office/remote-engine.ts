import { AppError } from '@shared/errors';
import type { AppInfo, OfficeConnection, OfficeLink } from '@shared/types';
import { EventBus } from '../../core/events';
import type { Logger } from '../../core/log';
import { callOffice, type FetchLike } from './office-client';
import { OfficeStream, type StreamOptions } from './office-stream';

/** What the desktop shell needs from an engine, local (the core) or on an office server. */
export interface Engine {
  call(method: string, input: unknown): Promise<unknown>;
  readonly events: EventBus;
}

export const KEY_UNREADABLE =
  'The access key for the office server could not be read on this computer. Enter it again in Settings → Connect to an office server.';

export interface RemoteEngineOptions {
  origin: string;
  /** Undefined when the saved key could not be read: every call is refused until it is entered again. */
  key: string | undefined;
  fetch: FetchLike;
  log: Logger;
  /** Per-call limit in ms (default 30 s). */
  timeoutMs?: number;
  stream?: Pick<StreamOptions, 'backoffMs' | 'refusedRetryMs' | 'idleMs' | 'now'>;
}

/**
 * The engine of an office server, seen from the desktop: every contract call
 * goes to `POST <origin>/api/<method>` with the access key, and the server's
 * events (job.updated, units.changed, notice, …) arrive on `events` as the
 * local core's would. The link to the server is published as `office.changed`
 * on the same bus, so the window and the tray can say when they are not live.
 */
export class RemoteEngine implements Engine {
  readonly events = new EventBus();
  private readonly stream: OfficeStream | undefined;
  private link: OfficeLink;
  private lastContactAt: Date | undefined;
  private nextRetryAt: Date | undefined;

  constructor(private readonly o: RemoteEngineOptions) {
    this.link = o.key ? 'connecting' : 'refused';
    this.stream = o.key
      ? new OfficeStream({
          origin: o.origin,
          key: o.key,
          fetch: o.fetch,
          ...o.stream,
          onEvent: (name, payload) => this.events.emit(name, payload as never),
          onLink: (link, at) => this.setLink(link, at),
        })
      : undefined;
  }

  get origin(): string {
    return this.o.origin;
  }

  start(): void {
    this.stream?.start();
  }

  stop(): void {
    this.stream?.stop();
  }

  /** The link as Settings and the banner show it (the key's storage is added by the office service). */
  connection(): OfficeConnection {
    return {
      available: true,
      mode: 'remote',
      url: this.o.origin,
      link: this.link,
      ...(this.lastContactAt ? { lastContactAt: this.lastContactAt.toISOString() } : {}),
      ...(this.nextRetryAt && this.link !== 'connected' ? { nextRetryAt: this.nextRetryAt.toISOString() } : {}),
    };
  }

  private setLink(link: OfficeLink, at: { contactAt?: Date; retryAt?: Date }): void {
    const changed = link !== this.link;
    this.link = link;
    if (at.contactAt) this.lastContactAt = at.contactAt;
    this.nextRetryAt = at.retryAt;
    if (changed) this.o.log.info('office server link', { link, server: this.o.origin });
    this.events.emit('office.changed', this.connection());
  }

  async call(method: string, input: unknown): Promise<unknown> {
    if (!this.o.key) throw new AppError('unauthorized', KEY_UNREADABLE, { reason: 'key_missing' });
    const result = await callOffice({ origin: this.o.origin, key: this.o.key, fetch: this.o.fetch, ...(this.o.timeoutMs ? { timeoutMs: this.o.timeoutMs } : {}) }, method, input);
    // The server answered: if the stream is waiting out a backoff, try it now rather than stay "not live".
    if (this.link === 'unreachable') this.stream?.retryNow();
    if (method === 'app.info') return { ...(result as AppInfo), office: { url: this.o.origin } } satisfies AppInfo;
    return result;
  }
}
