import type pg from 'pg';
import type { Events } from '@shared/contract';
import type { EventBus } from '../events';
import { clusterError } from './cluster-schema';

/** The NOTIFY channel every engine listens on. */
export const EVENTS_CHANNEL = 'condo_sync_events';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; stay under with room to spare. */
export const MAX_PAYLOAD_BYTES = 7900;

/**
 * The events shared between engines. The others (desktop, office…) are each
 * engine's own; pause.changed follows from settings.changed (the pause is a
 * shared setting), so each engine tells its consoles itself.
 */
export type SharedEvent = 'job.updated' | 'units.changed' | 'notice' | 'settings.changed' | 'commerce.status';

/**
 * What travels between engines: ids only, never a resident's name or a
 * notice's text. `o` is the sending engine, `e` the event, `ids` job ids
 * (job.updated, notice), unit ids (units.changed), setting keys
 * (settings.changed), or 'all' (commerce.status: the receiver reads the
 * status again).
 */
export interface Wire {
  o: string;
  e: SharedEvent;
  ids: string[] | 'all';
}

/**
 * How a receiving engine turns ids back into the event its consoles expect,
 * from the shared state (the job store on PostgreSQL). Return undefined to
 * drop it (e.g. a job already removed).
 */
export interface Rehydrate {
  job(id: string): Promise<Events['job.updated'] | undefined>;
  /** The notice about a job, rebuilt in this engine's language from the job's state. */
  notice(jobId: string): Promise<Events['notice'] | undefined>;
  /** Shared settings another engine wrote: read them again (the engine's schedule and pause follow), then tell consoles. */
  settings?(keys: string[]): Promise<Events['settings.changed'] | undefined>;
  /** A building's watcher changed on another engine: this engine's view of the real-time sync, read again. */
  commerceStatus?(): Promise<Events['commerce.status'] | undefined>;
}

export interface FanoutOptions {
  pool: pg.Pool;
  /** This engine's id (engines table); its own notifications are not re-emitted. */
  engineId: string;
  bus: EventBus;
  rehydrate: Rehydrate;
  /** Told about a failed send or re-read (never with payload data). Default: ignored. */
  onError?: (err: Error) => void;
}

/**
 * Events to every console of every engine: what this engine emits on its
 * EventBus (job.updated, units.changed, notice) is sent as a NOTIFY with ids
 * only; every other engine LISTENs, re-reads the state and emits the event on
 * its own bus, so its SSE and IPC consoles see it. A re-emitted event is not
 * sent again (no echo between engines).
 *
 * A notice not about a job (no jobId) stays local: there is nothing to re-read.
 * units.changed with more ids than fit in one payload is sent as 'all'.
 *
 * @throws AppError unavailable from start() when the listening connection cannot be opened.
 */
export class EventFanout {
  private client?: pg.PoolClient;
  private unsubscribe?: () => void;
  /** Sends in order, so a job's updates arrive in the order it made them. */
  private sending: Promise<void> = Promise.resolve();
  /** One commerce status read at a time; a burst of changes meanwhile makes one more read, not one each. */
  private statusRead?: Promise<void>;
  private statusAgain = false;
  /** Settings reloads in order, so the last one read is the newest. */
  private settingsRead: Promise<void> = Promise.resolve();

  constructor(private readonly o: FanoutOptions) {}

  async start(): Promise<void> {
    await this.listen();
    this.unsubscribe = this.o.bus.subscribe((name, payload, meta) => {
      if (meta.relayed) return;
      const wire = toWire(this.o.engineId, name, payload);
      if (wire) this.send(wire);
    });
  }

  /**
   * Listens on a new connection, the old one dropped (after the engine lost
   * the shared database, its LISTEN connection may be dead without an error).
   * @throws AppError unavailable when the database cannot be used.
   */
  async reconnect(): Promise<void> {
    const old = this.client;
    this.client = undefined;
    old?.release(true);
    await this.listen();
  }

  private async listen(): Promise<void> {
    try {
      this.client = await this.o.pool.connect();
      // A checked-out client's errors are not the pool's: without a listener a dropped connection ends the process.
      this.client.on('error', (err) => this.o.onError?.(clusterError(err, 'listening for other engines’ events')));
      this.client.on('notification', (msg) => {
        if (msg.channel === EVENTS_CHANNEL && msg.payload) void this.receive(msg.payload);
      });
      await this.client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (err) {
      this.client?.release(true);
      this.client = undefined;
      throw clusterError(err, 'listening for other engines’ events');
    }
  }

  /** Resolves once every event emitted so far has been sent. */
  flush(): Promise<void> {
    return this.sending;
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.sending;
    const client = this.client;
    this.client = undefined;
    if (client) {
      await client.query(`UNLISTEN ${EVENTS_CHANNEL}`).catch(() => {});
      client.release();
    }
    // No re-read may still be running when the database closes.
    await this.statusRead;
    await this.settingsRead;
  }

  private send(wire: Wire): void {
    const text = JSON.stringify(wire);
    this.sending = this.sending.then(async () => {
      try {
        await this.o.pool.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, text]);
      } catch (err) {
        this.o.onError?.(clusterError(err, 'telling other engines about an event'));
      }
    });
  }

  private async receive(text: string): Promise<void> {
    let wire: Wire;
    try {
      wire = JSON.parse(text) as Wire;
    } catch {
      return;
    }
    if (wire.o === this.o.engineId) return;
    if (wire.e === 'commerce.status') return this.commerceStatus();
    if (wire.e === 'settings.changed') {
      const keys = wire.ids === 'all' ? [] : wire.ids;
      this.settingsRead = this.settingsRead.then(() => this.settings(keys));
      return this.settingsRead;
    }
    try {
      if (wire.e === 'units.changed') return this.relay('units.changed', { unitIds: wire.ids });
      if (wire.ids === 'all') return;
      for (const id of wire.ids) {
        if (wire.e === 'job.updated') {
          const job = await this.o.rehydrate.job(id);
          if (job) this.relay('job.updated', job);
        } else {
          const notice = await this.o.rehydrate.notice(id);
          if (notice) this.relay('notice', notice);
        }
      }
    } catch (err) {
      this.o.onError?.(err as Error);
    }
  }

  private async settings(keys: string[]): Promise<void> {
    try {
      const event = await this.o.rehydrate.settings?.(keys);
      if (event) this.relay('settings.changed', event);
    } catch (err) {
      this.o.onError?.(err as Error);
    }
  }

  /** Reads this engine's commerce status again and relays it; changes during a read make one more read after it. */
  private commerceStatus(): Promise<void> {
    if (this.statusRead) {
      this.statusAgain = true;
      return this.statusRead;
    }
    const read = async (): Promise<void> => {
      do {
        this.statusAgain = false;
        try {
          const status = await this.o.rehydrate.commerceStatus?.();
          if (status) this.relay('commerce.status', status);
        } catch (err) {
          this.o.onError?.(err as Error);
        }
      } while (this.statusAgain);
    };
    this.statusRead = read().finally(() => (this.statusRead = undefined));
    return this.statusRead;
  }

  /** Emitted as relayed: consoles show it; follow-ups and pruning stay with the engine that emitted it. */
  private relay<E extends SharedEvent>(name: E, payload: Events[E]): void {
    this.o.bus.emit(name, payload, { relayed: true });
  }
}

/** The ids-only form of an event, or undefined for one that stays on this engine. */
export function toWire(engineId: string, name: string, payload: unknown): Wire | undefined {
  if (name === 'job.updated') return { o: engineId, e: name, ids: [(payload as Events['job.updated']).id] };
  if (name === 'notice') {
    const jobId = (payload as Events['notice']).jobId;
    return jobId ? { o: engineId, e: name, ids: [jobId] } : undefined;
  }
  if (name === 'settings.changed') return { o: engineId, e: name, ids: (payload as Events['settings.changed']).keys };
  if (name === 'commerce.status') return { o: engineId, e: name, ids: 'all' };
  if (name === 'units.changed') {
    const ids = (payload as Events['units.changed']).unitIds;
    const wire: Wire = { o: engineId, e: name, ids };
    return Buffer.byteLength(JSON.stringify(wire)) <= MAX_PAYLOAD_BYTES ? wire : { o: engineId, e: name, ids: 'all' };
  }
  return undefined;
}
