import { it } from 'vitest';
import { matrixWorld, runCase } from './case';
it('debug', async () => {
  const world = await matrixWorld();
  const r = await runCase(world, { cc: { expireTokensEvery: 40 } });
  const job = r.faulty[0]!;
  const d = (await world.core.call('jobs.get', { id: job.id, outcome: 'failed' })) as any;
  console.log(JSON.stringify(d.outcomes.items, null, 1));
  await world.close();
}, 60_000);
