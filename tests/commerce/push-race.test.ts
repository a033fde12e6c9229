// Issue 13: two engines writing the same invoice. Engine A reads version 1
// and starts its PUT; meanwhile engine B stages version 2 (a correction read
// from Condo Manager) and writes it, and A's older PUT lands after B's. The
// line must end as version 2 in Condo Control, once (the PUT is keyed by the
// Condo Manager id), and the local record must say so. Real Condo Control
// sandbox on loopback, real SQLite; only the order of the two PUTs is forced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { LedgerRepository } from '../../electron/core/db/repositories/ledger';
import type { DB } from '../../electron/core/db/schema';
import { systemClock } from '../../electron/core/clock';
import { silentLogger } from '../../electron/core/log';
import { KeyedLock } from '../../electron/core/sync/keyed-lock';
import { lineHash, pushLine } from '../../electron/core/sync/ledger-push';
import type { CondoControlClient } from '../../electron/core/systems/condo-control-client';
import type { Invoice } from '../../electron/core/systems/schemas';
import type { World } from '../helpers/world';
import { ccTransactions, commerceWorld, invoiceBody, unitByNumber, type UnitPair } from './helpers';
import { workspaceId } from '../sync/helpers';

describe('an older write that lands after a newer one (two engines, one line)', () => {
  let world: World;
  let scott: UnitPair;
  let ledger: LedgerRepository;

  beforeAll(async () => {
    world = await commerceWorld({ realtime: false });
    const first = await world.sync();
    if (first.status !== 'succeeded') throw new Error(`first sync ${first.status}`);
    scott = await unitByNumber(world, '804');
    ledger = new LedgerRepository(world.core.database.kysely as Kysely<DB>);
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('ends as the newer version in Condo Control, once, and the local record says so', async () => {
    const v1 = await world.desk.createInvoice(world.corp, invoiceBody(scott.cmId, 61_234, 'Frais communs – Décembre'));
    await ledger.stageInvoice(world.corp, v1);
    const v2: Invoice = { ...v1, lines: [{ description: 'Frais communs – Décembre (corrigé)', amountCents: 70_000 }], totalCents: 70_000, updatedAt: new Date(Date.parse(v1.updatedAt) + 60_000).toISOString() };
    const cc = world.core.systems!.cc;
    let raced = false;
    // Engine B's turn comes while A's PUT of version 1 is on its way: B stages and writes version 2 first.
    const racing: CondoControlClient = Object.create(cc);
    racing.upsertInvoice = async (ws, unit, id, body, opts) => {
      if (!raced) {
        raced = true;
        await ledger.stageInvoice(world.corp, v2);
        await cc.upsertInvoice(ws, unit, id, { ...body, lines: v2.lines, totalCents: v2.totalCents }, opts);
      }
      return cc.upsertInvoice(ws, unit, id, body, opts);
    };
    const result = await pushLine({ ledger, cc: racing, clock: systemClock, log: silentLogger, locks: new KeyedLock() }, { entity: 'invoice', record: v1 });
    expect(raced).toBe(true);
    // B created it; A's writes were updates.
    expect(result.outcome).toBe('updated');

    const held = (await ccTransactions(world, scott.ccId)).filter((t) => t.externalId === v1.id);
    expect(held).toEqual([expect.objectContaining({ type: 'invoice', amountCents: 70_000 })]);
    const ws = await workspaceId(world);
    const delivery = await ledger.delivery('invoice', v1.id);
    expect(delivery).toMatchObject({ sync_status: 'in_sync', content_hash: lineHash({ entity: 'invoice', record: v2 }, { targetId: scott.ccId, workspaceId: ws }) });
  });
});
