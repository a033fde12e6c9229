// Bad input from users and the renderer: 10,000 random inputs over every
// contract method (shared/contract.ts), sent through the real host (HTTP
// adapter, token, Host and Origin checks) to a real core syncing against the
// loopback sandboxes. Each must be answered within a second by a typed error
// or a result: never a 500, never a hang, never a body that is not the
// contract's envelope.
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputs, methodNames, type MethodName } from '@shared/contract';
import { httpStatusFor, isErrorBody } from '@shared/errors';
import { silentLogger } from '../../electron/core/log';
import { startHost, type RunningHost } from '../../electron/host/server';
import { startSandboxes, type RunningSandboxes } from '../../electron/sandbox';
import { liveConnectionEnv } from '../helpers/live-connection-env';
import { tempDir } from '../helpers/temp-dir';
import { anyJson, arbitraryFor, type Known } from './zod-arbitrary';

const TOTAL = 10_000;
const PER_METHOD = Math.ceil(TOTAL / methodNames.length);
const LIMIT_MS = 1_000;
let dir: ReturnType<typeof tempDir>;
let sandboxes: RunningSandboxes;
let host: RunningHost;
const known: Known = { ids: [], urls: [] };
const slowest: { method: string; ms: number }[] = [];
let sent = 0;

beforeAll(async () => {
  dir = tempDir();
  sandboxes = await startSandboxes({ dataDir: join(dir.path, 'sandbox'), size: 'small' });
  host = await startHost({
    dataDir: join(dir.path, 'console'),
    port: 0,
    logger: silentLogger,
    env: liveConnectionEnv(sandboxes),
  });
  // The first sync runs by itself; wait for it, so ids exist and handlers take their real paths.
  await host.core.runner.idle();
  const units = (await host.core.call('units.list', { limit: 20 })) as { items: { id: string; residents?: { id: string }[] }[] };
  const jobs = (await host.core.call('jobs.list', {})) as { items: { id: string }[] };
  const corps = (await host.core.call('corporations.list', {})) as { id: string }[];
  known.ids = [...units.items.map((u) => u.id), ...units.items.flatMap((u) => (u.residents ?? []).map((r) => r.id)), ...jobs.items.map((j) => j.id), ...corps.map((c) => c.id), 'nope', 'p_0'];
  known.urls = [sandboxes.condoManagerUrl, sandboxes.condoControlUrl, 'http://127.0.0.1:1'];
}, 120_000);

afterAll(async () => {
  await host?.close();
  await sandboxes?.close();
  dir?.cleanup();
  slowest.sort((a, b) => b.ms - a.ms);
  expect(sent).toBeGreaterThanOrEqual(TOTAL);
  process.stdout.write(`contract fuzz: ${sent} inputs; slowest ${slowest.slice(0, 3).map((s) => `${s.method} ${s.ms} ms`).join(', ')}\n`);
});

/** Sends one body (JSON text or raw text) and checks the answer. */
async function send(method: string, body: string | undefined): Promise<void> {
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body }),
    signal: AbortSignal.timeout(LIMIT_MS * 5),
  });
  const text = await res.text();
  const ms = Math.round(performance.now() - started);
  sent++;
  slowest.push({ method, ms });
  if (slowest.length > 50) slowest.sort((a, b) => b.ms - a.ms).splice(10);
  expect(ms, `${method} took ${ms} ms for ${body?.slice(0, 200)}`).toBeLessThan(LIMIT_MS);
  expect(res.status, `${method} ${body?.slice(0, 200)} → ${text.slice(0, 300)}`).not.toBe(500);
  const answer = JSON.parse(text) as { ok: boolean; result?: unknown; error?: unknown };
  if (answer.ok) {
    expect(res.status).toBe(200);
    expect(answer.result, method).not.toBeUndefined();
  } else {
    expect(isErrorBody(answer.error), `${method}: ${text.slice(0, 300)}`).toBe(true);
    const code = (answer.error as { code: keyof typeof httpStatusFor }).code;
    expect(code, `${method} ${body?.slice(0, 200)} → ${text.slice(0, 300)}`).not.toBe('internal');
    expect(res.status).toBe(httpStatusFor[code]);
  }
}

/** Raw bodies that are not JSON at all, or JSON cut short. */
const rawText = fc.oneof(fc.string({ maxLength: 50 }), fc.constantFrom('{', '{"a":', '[1,2', 'undefined', 'NaN', '\u0000', '{"kind":"residents"'));

describe(`contract fuzz: ${TOTAL} random inputs through the HTTP host`, () => {
  it.each(methodNames.map((m) => [m]))('%s', async (method) => {
    const schema = inputs[method as MethodName];
    const body = fc.oneof(
      { weight: 7, arbitrary: arbitraryFor(schema, known).map((v) => (v === undefined ? undefined : JSON.stringify(v))) },
      { weight: 2, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: rawText },
    );
    await fc.assert(fc.asyncProperty(body, (b) => send(method, b)), { numRuns: PER_METHOD, seed: 2750, endOnFailure: true });
  }, 120_000);
});
