// Issue 13: the ledger's read-decide-write steps hold on a database shared by
// several engines. On PostgreSQL two engines are two pools on one database;
// on SQLite (one engine per file) the same calls race inside one process.
// Without lockFeed's row lock, PostgreSQL's READ COMMITTED lets two
// transactions read the same feed row and the second write undo the first
// (the first two tests then fail); markFailed counts with one upsert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { defaultMigrationsDir } from '../../electron/core/core';
import { openPostgresEngine, type EngineDatabase } from '../../electron/core/db/connect';
import { migrateEngine } from '../../electron/core/db/migrate-postgres';
import { LedgerRepository, type FeedState } from '../../electron/core/db/repositories/ledger';
import type { DB } from '../../electron/core/db/schema';
import { SyncCache } from '../../electron/core/sync/cache';
import type { Invoice } from '../../electron/core/systems/schemas';
import { openTestEngine, testBackend } from '../helpers/test-db';

const AT = '2026-11-30T12:00:00.000Z';
const CORP = 'c-érablière';
const at = (minute: number) => new Date(Date.parse(AT) + minute * 60_000).toISOString();

const minIso = (a: string | null, b: string | null) => (!a ? b : !b ? a : a < b ? a : b);

/**
 * What a feed watcher does with one page read from `from`: under the row
 * lock, moves the cursor and adds the page's oldest change to the pending
 * mark, only if the cursor is still `from`. Answers whether it wrote.
 */
async function savePage(ledger: LedgerRepository, from: string | null, to: string, oldest: string, pause?: Promise<void>): Promise<boolean> {
  return ledger.transaction(async (l) => {
    const state = await l.lockFeed(CORP, AT);
    await pause;
    if (state.cursor !== from) return false;
    const next: FeedState = { cursor: to, pendingSince: minIso(state.pendingSince, oldest), lastEventAt: oldest, pendingRev: state.pendingRev + 1 };
    await l.setFeed(CORP, next, AT);
    return true;
  });
}

describe(`the ledger under concurrent engines (${testBackend})`, () => {
  let first: Awaited<ReturnType<typeof openTestEngine>>;
  let second: EngineDatabase | undefined;
  let a: LedgerRepository;
  let b: LedgerRepository;

  beforeAll(async () => {
    first = await openTestEngine();
    await migrateEngine(first.database, defaultMigrationsDir());
    a = new LedgerRepository(first.database.kysely as Kysely<DB>);
    if (first.url) second = await openPostgresEngine(first.url, { poolSize: 4 });
    b = second ? new LedgerRepository(second.kysely as Kysely<DB>) : a;
    const cache = new SyncCache(first.database.kysely as Kysely<DB>);
    await cache.upsertCorporations([{ id: CORP, code: 'MTCC 1869', legalName: 'L’Érablière', timezone: 'America/Montreal' }], AT);
  });
  afterAll(async () => {
    await second?.close();
    await first?.cleanup();
  });

  it('ten watchers saving pages from one cursor: exactly one moves it, the pending mark keeps the oldest change', async () => {
    await a.setFeed(CORP, { cursor: 'c1', pendingSince: null, lastEventAt: null, pendingRev: 0 }, AT);
    const wrote = await Promise.all(Array.from({ length: 10 }, (_, i) => savePage(i % 2 ? b : a, 'c1', `c2-${i}`, at(10 - i))));
    expect(wrote.filter(Boolean)).toHaveLength(1);
    const state = await b.feed(CORP);
    const winner = wrote.indexOf(true);
    expect(state).toEqual({ cursor: `c2-${winner}`, pendingSince: at(10 - winner), lastEventAt: at(10 - winner), pendingRev: 1 });
  });

  it('pages that follow each other from two engines: no increment of the pending mark is lost, the oldest change stays', async () => {
    await a.setFeed(CORP, { cursor: 'p0', pendingSince: null, lastEventAt: null, pendingRev: 0 }, AT);
    // Each engine follows the cursor the other left: 20 pages, saved alternately, racing.
    const follow = async (ledger: LedgerRepository, turns: number) => {
      for (let done = 0; done < turns; ) {
        const { cursor } = await ledger.feed(CORP);
        const n = Number(cursor!.slice(1));
        if (await savePage(ledger, cursor, `p${n + 1}`, at(n + 1))) done++;
      }
    };
    await Promise.all([follow(a, 10), follow(b, 10)]);
    const state = await a.feed(CORP);
    expect(state.cursor).toBe('p20');
    expect(state.pendingRev).toBe(20);
    expect(state.pendingSince).toBe(at(1));
    expect(state.lastEventAt).toBe(at(20));
  });

  it("a commerce job's clearPending waits for a page being saved, and keeps the mark that page added", async () => {
    await a.setFeed(CORP, { cursor: 'k1', pendingSince: at(1), lastEventAt: at(1), pendingRev: 4 }, AT);
    let go!: () => void;
    const held = new Promise<void>((r) => (go = r));
    // Engine A holds the row while it decides; engine B's job (which read rev 4) tries to clear meanwhile.
    const saving = savePage(a, 'k1', 'k2', at(2), held);
    await new Promise((r) => setTimeout(r, 50));
    const clearing = b.clearPending(CORP, 4, AT);
    go();
    await Promise.all([saving, clearing]);
    expect(await b.feed(CORP)).toEqual({ cursor: 'k2', pendingSince: at(1), lastEventAt: at(2), pendingRev: 5 });
  });

  it('failed writes of one line from two engines are each counted, the retry after the last count', async () => {
    const line: Invoice = {
      id: 'inv-1',
      accountId: 'acct-1',
      unitId: 'u1',
      number: 'F-1',
      date: '2026-11-01',
      dueDate: '2026-11-30',
      kind: 'CommonExpense',
      lines: [{ description: 'Frais de copropriété', amountCents: 41_500 }],
      totalCents: 41_500,
      status: 'Open',
      updatedAt: AT,
    };
    await a.stageInvoice(CORP, line);
    const counted = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? b : a).markFailed('invoice', 'inv-1', 'Condo Control did not accept the write.', (n) => at(n))),
    );
    expect([...counted].sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(await a.delivery('invoice', 'inv-1')).toMatchObject({ sync_status: 'failed', attempts: 12, next_attempt_at: at(12) });
    // A line written since starts again from zero.
    await b.markPushed('invoice', 'inv-1', { targetId: 'cc-1', workspaceId: 'ws-1' }, 'h', AT);
    expect(await a.markFailed('invoice', 'inv-1', 'Condo Control did not accept the write.', (n) => at(n))).toBe(1);
  });

  it('lockFeed outside a transaction is a programming error, not a silent unlocked read', async () => {
    await expect(a.lockFeed(CORP, AT)).rejects.toThrow(/inside ledger.transaction/);
  });
});
