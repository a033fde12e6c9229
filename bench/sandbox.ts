// Sandbox benchmark: how long the `large` portfolio takes to generate and
// load, and how many requests per second each sandbox serves with faults off.
// The load runs in a child process with keep-alive sockets, so client and
// server use separate cores, and this process's CPU time is the server's own.
// Prints nothing; `main` (run alone: node bin/run-ts.mjs bench/sandbox.ts)
// prints the figures as a table.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawn } from 'node:child_process';
import { startCondoControl, startCondoManager } from '../electron/sandbox';
import { CcStore } from '../electron/sandbox/condo-control/store';
import { CmStore } from '../electron/sandbox/condo-manager/store';
import { generateLedger, generateStructure } from '../electron/sandbox/portfolio';

type Figures = Record<string, number | string>;

interface LoadSpec {
  url: string;
  method: string;
  paths: string[];
  headers: Record<string, string>;
  body?: string;
  requests: number;
  concurrency: number;
}

interface LoadResult {
  ms: number;
  statuses: Record<string, number>;
  p50: number;
  p99: number;
}

// Plain JS for the child process: a keep-alive http loop; prints one JSON line.
const LOAD_CLIENT = `
const http = require('node:http');
const s = JSON.parse(process.env.LOAD_SPEC);
const agent = new http.Agent({ keepAlive: true, maxSockets: s.concurrency });
const target = new URL(s.url);
const statuses = {};
const times = [];
let next = 0;
function one(i) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request({ host: target.hostname, port: target.port, method: s.method, path: s.paths[i % s.paths.length], agent,
      headers: { ...s.headers, ...(s.body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s.body) } : {}) } }, (res) => {
      res.resume();
      res.on('end', () => { statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1; times.push(performance.now() - started); resolve(); });
    });
    req.on('error', () => { statuses.error = (statuses.error || 0) + 1; resolve(); });
    req.end(s.body);
  });
}
async function lane() { while (next < s.requests) await one(next++); }
(async () => {
  const started = performance.now();
  await Promise.all(Array.from({ length: s.concurrency }, lane));
  const ms = performance.now() - started;
  times.sort((a, b) => a - b);
  agent.destroy();
  process.stdout.write(JSON.stringify({ ms, statuses, p50: times[Math.floor(times.length * 0.5)] || 0, p99: times[Math.floor(times.length * 0.99)] || 0 }));
})();
`;

/**
 * Runs one load from a child process. `cpuMs` is the CPU time this process
 * (the servers) spent meanwhile: requests ÷ CPU time is what one core can
 * serve, a figure that holds even when other processes share the machine.
 */
function load(spec: LoadSpec): Promise<LoadResult & { cpuMs: number }> {
  const before = process.cpuUsage();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', LOAD_CLIENT], {
      env: { ...process.env, LOAD_SPEC: JSON.stringify(spec) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      const cpu = process.cpuUsage(before);
      if (code !== 0) return reject(new Error(`load client exited with ${code}`));
      resolve({ ...(JSON.parse(out) as LoadResult), cpuMs: (cpu.user + cpu.system) / 1000 });
    });
  });
}

const round = (n: number, digits = 0) => Number(n.toFixed(digits));

function record(figures: Figures, name: string, result: LoadResult & { cpuMs: number }, requests: number): void {
  figures[`${name} req/s`] = round((requests / result.ms) * 1000);
  figures[`${name} req/s per server CPU second`] = round((requests / result.cpuMs) * 1000);
  figures[`${name} p50 ms`] = round(result.p50, 2);
  figures[`${name} p99 ms`] = round(result.p99, 2);
  const bad = Object.entries(result.statuses).filter(([s]) => !s.startsWith('2'));
  if (bad.length > 0) figures[`${name} non-2xx`] = bad.map(([s, n]) => `${s}×${n}`).join(' ');
}

export async function benchSandbox(): Promise<Figures> {
  const figures: Figures = {};
  const dir = mkdtempSync(join(tmpdir(), 'condo-sandbox-bench-'));
  try {
    // Generation alone, then generation + insert into each store (fresh files).
    let t = performance.now();
    let units = 0;
    let people = 0;
    let invoices = 0;
    let payments = 0;
    let corporations = 0;
    for (const data of generateStructure(2750, 'large')) {
      const ledger = generateLedger(2750, 'large', data);
      corporations++;
      units += data.units.length;
      people += data.people.length;
      invoices += ledger.invoices.length;
      payments += ledger.payments.length;
    }
    figures['large: generate only ms'] = round(performance.now() - t);
    figures['large: corporations / units / people'] = `${corporations} / ${units} / ${people}`;
    figures['large: invoices / payments'] = `${invoices} / ${payments}`;

    t = performance.now();
    new CmStore({ file: join(dir, 'condo-manager.sqlite'), seed: 2750, size: 'large' }).close();
    figures['large: Condo Manager generate+insert ms'] = round(performance.now() - t);
    t = performance.now();
    new CcStore({ file: join(dir, 'condo-control.sqlite'), seed: 2750, size: 'large' }).close();
    figures['large: Condo Control generate+insert ms'] = round(performance.now() - t);

    // Throughput, faults off, against the large stores just written.
    const requests = 2000;
    const concurrency = 32;
    const cm = await startCondoManager({ dataDir: dir });
    const cc = await startCondoControl({ dataDir: dir });
    try {
      const cmHeaders = { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'demo-secret' };
      const corps = (await (await fetch(`${cm.url}/v1/corporations?limit=1000`, { headers: cmHeaders })).json()) as Array<{ id: string }>;
      const owners = corps.map((c) => `/v1/corporations/${c.id}/owners?limit=100`);
      const invoicePages = corps.map((c, i) => `/v1/corporations/${c.id}/invoices?limit=100&offset=${(i * 100) % 3000}`);
      const base = { url: cm.url, method: 'GET', headers: cmHeaders, requests, concurrency };
      await load({ ...base, paths: owners, requests: 200 }); // warm-up
      record(figures, 'Condo Manager GET owners (100 rows)', await load({ ...base, paths: owners }), requests);
      record(figures, 'Condo Manager GET invoices (100 rows)', await load({ ...base, paths: invoicePages }), requests);

      const login = await fetch(`${cc.url}/api/v1/auth/token`, { method: 'POST', body: JSON.stringify({ username: 'demo', password: 'demo-password' }) });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const ccHeaders = { authorization: `Bearer ${accessToken}` };
      const workspaces = (await (await fetch(`${cc.url}/api/v1/workspaces?limit=1000`, { headers: ccHeaders })).json()) as Array<{ id: string }>;
      const ccBase = { url: cc.url, headers: ccHeaders, requests, concurrency };
      const unitPages = workspaces.map((w) => `/api/v1/workspaces/${w.id}/units?limit=100`);
      await load({ ...ccBase, method: 'GET', paths: unitPages, requests: 200 });
      record(figures, 'Condo Control GET units (100 rows)', await load({ ...ccBase, method: 'GET', paths: unitPages }), requests);
      const puts = Array.from({ length: requests }, (_, i) => `/api/v1/workspaces/ws_${Math.floor(i / 200) + 1}/units/unit_${i + 1}`);
      record(figures, 'Condo Control PUT unit', await load({ ...ccBase, method: 'PUT', paths: puts, body: JSON.stringify({ unitType: 'OwnerOccupied' }) }), requests);
    } finally {
      await cm.close();
      await cc.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

/** Prints the figures as a table (used when this file is run on its own). */
export async function main(): Promise<number> {
  const figures = await benchSandbox();
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(width)}  ${value}`);
  return 0;
}

// `npx tsx bench/sandbox.ts` runs it directly; bin/run-ts.mjs calls main() itself.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then((code) => (process.exitCode = code));
}
