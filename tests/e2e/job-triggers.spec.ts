/**
 * A command-line request that joins a nightly run held by a pause: the Sync
 * Queue row and the job page name both reasons, in English and in French.
 */
import { expect, test } from '@playwright/test';
import type { Job } from '../../shared/types';
import { api, idle, open, settle } from './helpers';

test('a CLI request joining a held nightly run: the queue row and the job page show both reasons', async ({ page, request }) => {
  test.setTimeout(180_000);
  await idle(request, 90_000); // the first sync of a fresh data dir
  let id: string;
  try {
    await api(request, 'sync.pause');
    const nightly = await api<Job>(request, 'sync.start', { kind: 'residents', trigger: 'schedule' });
    expect(nightly.status).toBe('queued');
    const joined = await api<Job>(request, 'sync.start', { kind: 'residents', trigger: 'cli' });
    expect(joined.id).toBe(nightly.id);
    expect(joined.triggers).toEqual(['schedule', 'cli']);
    id = joined.id;
  } finally {
    await api(request, 'sync.resume');
  }
  await idle(request);

  await open(page, '#/queue');
  await settle(page);
  const row = page.getByRole('row').filter({ has: page.locator(`a[href="#/queue/${id}"]`) });
  await expect(row).toContainText('Nightly · also asked for from the command line');

  await open(page, `#/queue/${id}`);
  await settle(page);
  await expect(page.locator('dl.facts')).toContainText('Nightly · also asked for from the command line');
});
