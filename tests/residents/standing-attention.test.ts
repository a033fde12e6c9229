// A record whose note from an earlier sync is still open is left unchanged and
// not counted again as new by the engine, but it still needs a person: the
// sync's page counts and lists it under "Needs attention", never as a plain
// "Unchanged", and every record is counted once (the numbers add up).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewEffects } from '@shared/preview';
import { isStandingAttention } from '@shared/standing-attention';
import type { JobDetail, OutcomeType } from '@shared/types';
import { outcomeTypes } from '@shared/contract';
import { createWorld, type World } from '../helpers/world';
import { parseCsv } from '../helpers/parse-csv';

describe('standing attention items on a sync’s page', () => {
  let world: World;
  let first: JobDetail;

  beforeAll(async () => {
    world = await createWorld();
    // The demo building has notes from its first sync (two residents of 1203 share an email…).
    first = await world.sync();
    expect(first.counts.conflict).toBeGreaterThan(0);
  });
  afterAll(() => world?.close());

  const get = (id: string, outcome?: OutcomeType) => world.core.call('jobs.get', { id, limit: 1000, ...(outcome ? { outcome } : {}) }) as Promise<JobDetail>;

  for (const dryRun of [true, false]) {
    it(`${dryRun ? 'a preview' : 'the next real sync'}: the open notes are listed and counted under Needs attention, and the lists add up`, async () => {
      const job = await world.sync({ dryRun });
      // The engine does not count them again as new…
      expect(job.counts.conflict).toBe(0);
      // …but the page knows how many still need a person: as many as the first sync flagged.
      expect(job.standingAttention).toBe(first.counts.conflict);

      const attention = await get(job.id, 'conflict');
      expect(attention.outcomes.total).toBe(job.counts.conflict + job.standingAttention);
      expect(attention.outcomes.items.every((o) => o.outcome === 'conflict' || isStandingAttention(o))).toBe(true);
      expect(new Set(attention.outcomes.items.map((o) => o.entityId))).toEqual(new Set(first.outcomes.items.filter((o) => o.outcome === 'conflict').map((o) => o.entityId)));

      const unchanged = await get(job.id, 'unchanged');
      expect(unchanged.outcomes.total).toBe(job.counts.unchanged - job.standingAttention);
      expect(unchanged.outcomes.items.some((o) => isStandingAttention(o))).toBe(false);

      // Each record in exactly one list: the lists add up to every record of the sync.
      let listed = 0;
      for (const t of outcomeTypes) listed += (await get(job.id, t)).outcomes.total;
      expect(listed).toBe(job.outcomes.total);

      // The Sync Queue's list says the same of the finished run, so its row counts them as its page does.
      const listed2 = (await world.core.call('jobs.list', { limit: 5 })) as { items: { id: string; standingAttention?: number }[] };
      expect(listed2.items.find((j) => j.id === job.id)?.standingAttention).toBe(job.standingAttention);

      // Its CSV says the same: unchanged, and needing attention.
      const file = (await world.core.call('export.csv', { what: 'job', jobId: job.id, language: 'fr' })) as { text: string };
      const rows = parseCsv(file.text).rows.slice(1);
      expect(rows.filter((r) => r[1] === 'Inchangé; À vérifier')).toHaveLength(job.standingAttention);

      // The preview's "what would change" names them apart: still to fix, nothing changes for them.
      const e = previewEffects(job.outcomes.items);
      expect(e.standing.length).toBe(job.standingAttention);
      expect(e.attention).toEqual([]);
    });
  }

  it('a sentence that asks nothing (a past resident never in Condo Control) stays Unchanged', () => {
    const o = { outcome: 'unchanged' as const, message: 'A past resident who was never in Condo Control: nothing to do.' };
    expect(isStandingAttention(o)).toBe(false);
    expect(isStandingAttention({ outcome: 'unchanged', message: 'Same resident, now the tenant of unit 1203 in Condo Manager: their Condo Control user moved with them.' })).toBe(false);
    expect(isStandingAttention({ outcome: 'unchanged' })).toBe(false);
    expect(isStandingAttention({ outcome: 'updated', message: 'x' })).toBe(false);
  });
});
