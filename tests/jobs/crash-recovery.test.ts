import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '@shared/types';
import { startSandboxes, type RunningSandboxes } from '../../electron/sandbox';
import { consoleApi as api, serveChild as serve, until } from '../helpers/console-child';
import { tempDir } from '../helpers/temp-dir';
import type { TsChild } from '../helpers/ts-child';

async function ccUsers(sandboxes: RunningSandboxes): Promise<{ externalId: string | null }[]> {
  const token = ((await (await fetch(`${sandboxes.condoControlUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo', password: 'demo-password' }),
  })).json()) as { accessToken: string }).accessToken;
  const h = { authorization: `Bearer ${token}` };
  const workspaces = (await (await fetch(`${sandboxes.condoControlUrl}/api/v1/workspaces?limit=1000`, { headers: h })).json()) as { id: string }[];
  const users: { externalId: string | null }[] = [];
  for (const ws of workspaces) {
    for (let offset = 0; ; offset += 1000) {
      const page = (await (await fetch(`${sandboxes.condoControlUrl}/api/v1/workspaces/${ws.id}/users?limit=1000&offset=${offset}`, { headers: h })).json()) as never[];
      users.push(...page);
      if (page.length < 1000) break;
    }
  }
  return users;
}

async function cmActivePeople(sandboxes: RunningSandboxes): Promise<string[]> {
  const h = { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'demo-secret' };
  const corps = (await (await fetch(`${sandboxes.condoManagerUrl}/v1/corporations?limit=1000`, { headers: h })).json()) as { id: string }[];
  const ids: string[] = [];
  for (const c of corps) {
    for (const role of ['owners', 'tenants']) {
      for (let offset = 0; ; offset += 1000) {
        const page = (await (await fetch(`${sandboxes.condoManagerUrl}/v1/corporations/${c.id}/${role}?limit=1000&offset=${offset}`, { headers: h })).json()) as { id: string }[];
        ids.push(...page.map((p) => p.id));
        if (page.length < 1000) break;
      }
    }
  }
  return ids;
}

describe('crash recovery', () => {
  let dir: ReturnType<typeof tempDir>;
  let sandboxes: RunningSandboxes;
  let child: TsChild | undefined;

  beforeAll(async () => {
    dir = tempDir();
    sandboxes = await startSandboxes({ dataDir: join(dir.path, 'sandbox'), size: 'medium' });
    // Slow Condo Control down so the kill lands in the middle of the writes.
    await fetch(`${sandboxes.condoControlUrl}/_sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 15 }) });
  });
  afterAll(async () => {
    await child?.kill9();
    await sandboxes.close();
    dir.cleanup();
  });

  it('resumes a sync killed with SIGKILL; Condo Control ends with no duplicate users and nobody missed', async () => {
    const dataDir = join(dir.path, 'console');
    // Pace like a fast real deployment (Settings → rate), not the conservative default.
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ rate: { condoManagerPerSec: 300, condoControlPerSec: 300, concurrency: 16 } }));
    child = serve(dataDir, sandboxes);
    // The first start with a new connection queues the initial sync by itself.
    const running = await until(async () => {
      const jobs = await api<{ items: Job[] }>(dataDir, 'jobs.list', {});
      const job = jobs.items[0];
      return job && job.status === 'running' && job.counts.created >= 300 ? job : undefined;
    }, 90_000);
    await child.kill9();
    expect(existsSync(join(dataDir, 'condo-sync.lock'))).toBe(true); // left behind by the dead process

    await fetch(`${sandboxes.condoControlUrl}/_sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 0 }) });
    child = serve(dataDir, sandboxes);
    const finished = await until(async () => {
      const job = await api<Job>(dataDir, 'jobs.get', { id: running.id, limit: 1 });
      return job && ['succeeded', 'partial', 'failed'].includes(job.status) ? job : undefined;
    }, 120_000);
    expect(finished.status).toBe('succeeded');
    const jobs = await api<{ items: Job[] }>(dataDir, 'jobs.list', {});
    expect(jobs.items.filter((j) => j.trigger === 'initial' && j.kind === 'residents')).toHaveLength(1); // resumed, not queued again

    const users = (await ccUsers(sandboxes)).filter((u) => u.externalId);
    const externalIds = users.map((u) => u.externalId);
    expect(new Set(externalIds).size).toBe(externalIds.length);
    const present = new Set(externalIds);
    const active = await cmActivePeople(sandboxes);
    expect(active.filter((id) => !present.has(id))).toEqual([]);
    child.process.kill('SIGTERM');
  }, 240_000);
});
