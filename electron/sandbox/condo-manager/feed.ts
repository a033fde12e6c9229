// Condo Manager's change feed. Every write appends an event with a global,
// increasing `seq`. A cursor is an opaque string for (epoch, seq): the events
// after it are the ones to deliver. Only the last `retention` events are kept;
// a cursor from before that window, from before a reset (another epoch), or
// one that cannot be read answers 410 and the consumer falls back to a full read.
import { HttpError } from '../common/http-error';
import { metaAccess, type Db } from '../common/sqlite';

export type EventType =
  | 'invoice.created' | 'invoice.updated' | 'invoice.voided'
  | 'payment.posted' | 'payment.reversed'
  | 'person.created' | 'person.updated' | 'person.ended'
  | 'unit.updated';
export type EntityType = 'invoice' | 'payment' | 'person' | 'unit';

export interface FeedEvent {
  seq: number;
  type: EventType;
  entityType: EntityType;
  entityId: string;
  occurredAt: string;
}

export interface FeedPage {
  events: FeedEvent[];
  nextCursor: string;
  hasMore: boolean;
}

export const DEFAULT_FEED_RETENTION = 10_000;

const gone = (why: string) =>
  new HttpError(410, 'cursor_expired', 'This cursor has expired. Read everything again, then follow the feed from its new cursor.', [
    { key: 'cursor', value: why },
  ]);

export class ChangeFeed {
  private readonly insert;
  private readonly page;
  private readonly prune;
  private readonly head;
  private readonly meta;
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(db: Db, private readonly retention = DEFAULT_FEED_RETENTION) {
    this.insert = db.prepare('INSERT INTO events (corp_id, type, entity_type, entity_id, occurred_at) VALUES (?, ?, ?, ?, ?)');
    this.page = db.prepare(
      `SELECT seq, type, entity_type AS entityType, entity_id AS entityId, occurred_at AS occurredAt
       FROM events WHERE corp_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    );
    this.prune = db.prepare('DELETE FROM events WHERE seq <= ?');
    this.head = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck();
    this.meta = metaAccess(db);
  }

  private epoch(): string {
    return this.meta.get('feed_epoch') ?? '0';
  }

  private prunedThrough(): number {
    return Number(this.meta.get('pruned_through') ?? 0);
  }

  private headSeq(): number {
    return (this.head.get() as number | undefined) ?? 0;
  }

  encode(seq: number): string {
    return Buffer.from(`v1:${this.epoch()}:${seq}`).toString('base64url');
  }

  private decode(cursor: string): number {
    const text = Buffer.from(cursor, 'base64url').toString('utf8');
    const m = /^v1:([0-9a-f]+):(\d{1,15})$/.exec(text);
    if (!m) throw gone('not a cursor this feed issued');
    if (m[1] !== this.epoch()) throw gone('issued before the sandbox was reset');
    const seq = Number(m[2]);
    if (seq < this.prunedThrough()) throw gone('older than the retained history');
    if (seq > this.headSeq()) throw gone('not a cursor this feed issued');
    return seq;
  }

  /** Call inside the write's transaction; `notify` after it commits. */
  append(corpId: string, type: EventType, entityType: EntityType, entityId: string, occurredAt: string): void {
    const seq = Number(this.insert.run(corpId, type, entityType, entityId, occurredAt).lastInsertRowid);
    if (seq > this.retention) {
      const floor = seq - this.retention;
      this.prune.run(floor);
      this.meta.set('pruned_through', String(Math.max(floor, this.prunedThrough())));
    }
  }

  read(corpId: string, cursor: string | undefined, limit: number): FeedPage {
    const after = cursor ? this.decode(cursor) : this.prunedThrough();
    const rows = this.page.all(corpId, after, limit + 1) as FeedEvent[];
    const hasMore = rows.length > limit;
    const events = hasMore ? rows.slice(0, limit) : rows;
    const last = events[events.length - 1];
    // With nothing new, move the cursor to the head: the events in between
    // belong to other corporations.
    const next = last ? last.seq : Math.max(after, this.headSeq());
    return { events, nextCursor: this.encode(next), hasMore };
  }

  /** Resolves when an event for the corporation is appended, or after `ms`. */
  wait(corpId: string, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiters.get(corpId);
      if (!set) this.waiters.set(corpId, (set = new Set()));
      const waiters = set;
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      waiters.add(done);
      if (signal.aborted) done();
    });
  }

  notify(corpId: string): void {
    for (const wake of [...(this.waiters.get(corpId) ?? [])]) wake();
  }

  /** After a reset every waiter re-reads and learns its cursor is gone. */
  notifyAll(): void {
    for (const corp of [...this.waiters.keys()]) this.notify(corp);
  }
}
