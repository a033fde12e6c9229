// Smoke: two `condo-sync serve` on one private PostgreSQL, one pair of sandboxes (medium).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgresCluster, createTestDatabase } from '../tests/helpers/postgres';
import { startSandboxes } from '../electron/sandbox';

const TOKEN = 'smoke-token-smoke-token-smoke-token-1234';
const dir = mkdtempSync(join(tmpdir(), 'smoke-'));
const cluster = await startPostgresCluster();
const db = await createTestDatabase(cluster.url, 'smoke');
const sb = await startSandboxes({ dataDir: join(dir, 'sb'), size: (process.env.SIZE as 'medium') ?? 'medium' });
const env = {
  ...process.env,
  CONDO_SYNC_TOKEN: TOKEN,
  CONDO_MANAGER_URL: sb.condoManagerUrl, CONDO_MANAGER_CLIENT_ID: 'demo', CONDO_MANAGER_CLIENT_SECRET: 'demo-secret',
  CONDO_CONTROL_URL: sb.condoControlUrl, CONDO_CONTROL_USERNAME: 'demo', CONDO_CONTROL_PASSWORD: 'demo-password',
};
const procs: ChildProcess[] = [];
const start = (name: string, port: number) => {
  const p = spawn('node', ['bin/condo-sync.mjs', 'serve', '--no-build', '--port', String(port), '--data-dir', join(dir, name), '--database', db.url, '--workers', '2'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  p.stdout!.on('data', (d) => process.stdout.write(`[${name}] ${d}`));
  p.stderr!.on('data', (d) => process.stdout.write(`[${name}!] ${d}`));
  procs.push(p);
  return p;
};
const call = async (port: number, method: string, input: unknown = {}) => {
  const res = await fetch(`http://127.0.0.1:${port}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(input) });
  const body = (await res.json()) as { ok: boolean; result?: any; error?: any };
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.result;
};
const health = async (port: number) => { for (let i = 0; i < 600; i++) { try { if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return; } catch {} await new Promise((r) => setTimeout(r, 100)); } throw new Error('no health ' + port); };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const list = async (port: number) => (await call(port, 'jobs.list', { limit: 50 })).items.map((j: any) => `${j.id.slice(0, 8)} ${j.kind} ${j.trigger} ${j.status} ${j.progress.done}/${j.progress.total}`);
try {
  const a = start('a', 47811); const b = start('b', 47812);
  await Promise.all([health(47811), health(47812)]);
  console.log('both healthy');
  for (let i = 0; i < 600; i++) { const l = await list(47811); if (l.length && !l.some((x: string) => / (queued|running) /.test(x))) break; await sleep(500); }
  console.log('A sees', await list(47811)); console.log('B sees', await list(47812));
  // ten concurrent
  const asked = await Promise.all(Array.from({ length: 10 }, (_, i) => call(i % 2 ? 47812 : 47811, 'sync.start', { kind: 'reconcile', trigger: 'manual' })));
  console.log('ten requests ->', new Set(asked.map((j: any) => j.id)).size, 'jobs');
  // find who runs it, kill -9 it
  let victim: ChildProcess | undefined; let victimPort = 0;
  for (let i = 0; i < 200 && !victim; i++) {
    const eng = await call(47811, 'jobs.list', { status: 'running', limit: 5 });
    if (eng.items.length && eng.items[0].progress.done > 10) {
      // ask each engine's runner via app? use the log: just kill a
      victim = a; victimPort = 47811;
    }
    await sleep(100);
  }
  const killedAt = Date.now();
  victim!.kill('SIGKILL');
  console.log('killed A at', (await list(47812)).slice(0, 3));
  for (let i = 0; i < 1200; i++) { const l = await list(47812); if (l.length && !l.some((x: string) => / (queued|running) /.test(x))) break; await sleep(500); }
  console.log('after', Date.now() - killedAt, 'ms B sees', await list(47812));
  const stats = await (await fetch(`${sb.condoControlUrl}/_sandbox/stats`)).json();
  console.log('cc stats', JSON.stringify(stats).slice(0, 400));
} finally {
  for (const p of procs) p.kill('SIGTERM');
  await sleep(2000);
  await sb.close(); await db.drop(); await cluster.stop();
}
