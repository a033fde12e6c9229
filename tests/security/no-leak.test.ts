// A full session, then a search of everything it left behind: no secret in
// any file but the secret store, no resident's email or phone in any log line,
// and a support bundle with no email, phone, name or secret of the portfolio.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticsFile, Job } from '@shared/types';
import { bootCore, type Booted } from '../../electron/runtime/boot';
import { createLogger, type FileLogger } from '../../electron/core/log';
import { FileSecretStore } from '../../electron/core/secrets';
import { hostSettingsStore } from '../../electron/host/server';
import { startSandboxes, type RunningSandboxes } from '../../electron/sandbox';
import { tempDir } from '../helpers/temp-dir';

const SECRET = `cm-secret-${randomBytes(12).toString('hex')}`;
const PASSWORD = `cc-Pässwörd’-${randomBytes(12).toString('hex')}`;
const WRONG = `wrong-password-${randomBytes(12).toString('hex')}`;
const REALTIME = { waitSec: 2, backoff: { baseMs: 50, capMs: 400 } };

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const mode = (p: string) => statSync(p).mode & 0o777;

async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function finished(b: Booted, kind: Job['kind'], after = 0): Promise<Job> {
  return until(`a finished ${kind} job`, async () => {
    const page = (await b.core.call('jobs.list', { kind, limit: 20 })) as { items: Job[] };
    return page.items.filter((j) => j.finishedAt).length > after && page.items.find((j) => j.finishedAt);
  });
}

describe('nothing private leaks from a full session', () => {
  const dir = tempDir();
  const data = join(dir.path, 'data');
  let systems: RunningSandboxes;
  let log: FileLogger;
  let people: { first: string; last: string; email: string | null; phones: string[] }[] = [];
  let diag: DiagnosticsFile;

  beforeAll(async () => {
    // "The office's" real systems, with credentials nobody else uses.
    systems = await startSandboxes({
      dataDir: join(dir.path, 'systems'),
      size: 'small',
      credentials: { condoManagerClientId: 'office-client', condoManagerClientSecret: SECRET, condoControlUsername: 'office-admin', condoControlPassword: PASSWORD },
    });
    log = createLogger({ dir: join(data, 'logs'), level: 'debug' });
    const boot = () =>
      bootCore({
        dataDir: data,
        adapter: 'http',
        settings: hostSettingsStore(data),
        secrets: new FileSecretStore(data, {}),
        logger: log,
        coreOptions: { scheduler: false, realtime: REALTIME },
      });

    // 1. Sandbox mode: the in-process sandboxes log their requests into the same logs.
    const first = await boot();
    await finished(first, 'residents');
    await finished(first, 'commerce-reconcile');
    await first.core.call('settings.set', { groups: { owners: 'Owners', tenants: 'Residents' } });
    await first.core.call('settings.set', {
      connections: {
        condoManager: { url: systems.condoManagerUrl, clientId: 'office-client', clientSecret: SECRET },
        condoControl: { url: systems.condoControlUrl, username: 'office-admin', password: PASSWORD },
      },
    });
    // A failed login: a typed wrong password is refused by Condo Control.
    const refused = (await first.core.call('connections.test', { target: 'condoControl', condoControl: { url: systems.condoControlUrl, username: 'office-admin', password: WRONG } })) as { condoControl: { ok: boolean } };
    expect(refused.condoControl.ok).toBe(false);
    await first.stop();

    // 2. Live mode with the saved secrets: first sync, history import, a real-time invoice, a live balance.
    const second = await boot();
    expect(second.core.info.mode).toBe('live');
    await finished(second, 'residents');
    await finished(second, 'commerce-reconcile');
    const unit = (await second.core.call('units.list', { limit: 1 })) as { items: { id: string }[] };
    const form = new URLSearchParams({ kind: 'LateFee', date: '2026-11-30', dueDate: '2026-12-15', description: 'Late fee', amount: '25.00' });
    const corp = second.core.db!.prepare('SELECT corporation_id FROM units WHERE id = ?').pluck().get(unit.items[0]!.id) as string;
    const res = await fetch(`${systems.condoManagerUrl}/corporations/${corp}/accounts/${unit.items[0]!.id}/invoices`, { method: 'POST', body: form, redirect: 'manual' });
    expect(res.status).toBeLessThan(400);
    await finished(second, 'commerce');
    await second.core.call('balances.get', { unitId: unit.items[0]!.id, refresh: true });
    people = (second.core.db!.prepare('SELECT first_name AS first, last_name AS last, email, phones FROM people').all() as { first: string; last: string; email: string | null; phones: string }[]).map((p) => ({
      ...p,
      phones: (JSON.parse(p.phones) as { number?: string }[]).map((x) => x.number ?? '').filter(Boolean),
    }));
    // A careless log call elsewhere in the code: the logger masks the email and phone; the name
    // (here also in its decomposed Unicode form) gets through to the file, so the bundle must scrub it.
    const accented = people.find((p) => /[^ -~]/.test(p.first + p.last) && p.email && p.phones.length) ?? people.find((p) => p.email && p.phones.length)!;
    log.warn(`careless: ${accented.first} ${accented.last} <${accented.email}> ${accented.phones[0]} ${accented.last.normalize('NFD').toUpperCase()}`);
    diag = (await second.core.call('diagnostics.export', {})) as DiagnosticsFile;
    await second.stop();
    await log.close();
  }, 180_000);

  afterAll(async () => {
    await systems?.close();
    dir.cleanup();
  });

  const emails = () => people.map((p) => p.email).filter((e): e is string => !!e);

  it('keeps the secrets only in the 0600 secret store', () => {
    const store = join(data, 'secrets.json');
    expect(mode(store)).toBe(0o600);
    expect(readFileSync(store, 'utf8')).toContain(SECRET); // the search below looks where the secrets would be
    const files = walk(data).filter((f) => f !== store);
    expect(files.some((f) => f.endsWith('condo-sync.sqlite'))).toBe(true);
    const leaks = files.filter((f) => {
      const bytes = readFileSync(f);
      return [SECRET, PASSWORD, WRONG].some((s) => bytes.includes(Buffer.from(s)) || bytes.includes(Buffer.from(encodeURIComponent(s))));
    });
    expect(leaks.map((f) => relative(data, f))).toEqual([]);
  });

  it('logs no resident email or phone and no secret, in any line, the sandboxes’ request logs included', () => {
    expect(people.length).toBeGreaterThan(20);
    const logFiles = walk(join(data, 'logs'));
    const lines = logFiles.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean));
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.some((l) => l.includes('"component":"sandbox:condo-control"') && l.includes('"route"'))).toBe(true);
    const bad: string[] = [];
    for (const line of lines) {
      expect(() => JSON.parse(line)).not.toThrow(); // structured: one JSON object a line
      const lower = line.toLowerCase();
      for (const e of emails()) if (lower.includes(e.toLowerCase())) bad.push(`email in: ${line.slice(0, 160)}`);
      for (const p of people.flatMap((x) => x.phones)) if (line.includes(p)) bad.push(`phone in: ${line.slice(0, 160)}`);
      for (const s of [SECRET, PASSWORD, WRONG]) if (line.includes(s)) bad.push(`secret in: ${line.slice(0, 160)}`);
    }
    expect(bad).toEqual([]);
    const settings = readFileSync(join(data, 'settings.json'), 'utf8');
    for (const e of emails()) expect(settings).not.toContain(e);
  });

  it('keeps the data dir 0700 and the database, settings and logs 0600', () => {
    expect(mode(data)).toBe(0o700);
    expect(mode(join(data, 'logs'))).toBe(0o700);
    expect(mode(join(data, 'condo-sync.sqlite'))).toBe(0o600);
    expect(mode(join(data, 'settings.json'))).toBe(0o600);
    for (const f of walk(join(data, 'logs'))) expect(mode(f)).toBe(0o600);
    expect(mode(diag.path)).toBe(0o600);
  });

  it('exports a support bundle with versions, settings, the last jobs and logs, and nothing personal or secret', () => {
    const files = unzipSync(new Uint8Array(readFileSync(diag.path)));
    expect(Buffer.from(diag.base64, 'base64').equals(readFileSync(diag.path))).toBe(true);
    const names = Object.keys(files);
    expect(names).toEqual(expect.arrayContaining(['about.json', 'settings.json', 'jobs.json']));
    expect(names.some((n) => n.startsWith('logs/'))).toBe(true);
    const about = JSON.parse(strFromU8(files['about.json']!));
    expect(about).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), mode: 'live', runtime: { node: process.versions.node } });
    const jobs = JSON.parse(strFromU8(files['jobs.json']!)) as { kind: string; counts: { created: number; updated: number; unchanged: number }; errorCode: string | null }[];
    expect(jobs.length).toBeGreaterThan(2);
    expect(jobs.length).toBeLessThanOrEqual(50);
    expect(jobs.some((j) => j.kind === 'residents' && j.counts.created + j.counts.unchanged + j.counts.updated > 0)).toBe(true);
    const settings = JSON.parse(strFromU8(files['settings.json']!));
    expect(settings.settings.groups).toEqual({ owners: 'Owners', tenants: 'Residents' });
    expect(settings.connection).toEqual({ configured: true, source: 'secrets.json', condoManager: systems.condoManagerUrl, condoControl: systems.condoControlUrl });

    const text = names.map((n) => strFromU8(files[n]!)).join('\n').normalize('NFC');
    const lower = text.toLocaleLowerCase('en-CA');
    const found: string[] = [];
    for (const s of [SECRET, PASSWORD, WRONG, 'office-admin', 'office-client']) if (text.includes(s)) found.push(`secret ${s.slice(0, 6)}…`);
    for (const p of people) {
      if (p.email && lower.includes(p.email.toLowerCase())) found.push('an email');
      for (const ph of p.phones) if (text.includes(ph) || text.includes(ph.replace(/\D/g, ''))) found.push('a phone');
      for (const part of `${p.first} ${p.last}`.normalize('NFC').split(/[\s'’-]+/).filter((w) => w.length >= 2)) {
        const word = new RegExp(`(?<![\\p{L}\\p{M}])${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{M}])`, 'iu');
        if (word.test(text)) found.push(`a name (${part.length} letters)`);
      }
    }
    expect(found).toEqual([]);
  });
});
