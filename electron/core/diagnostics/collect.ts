import { readdirSync, readFileSync, statSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Executor } from '../db/kysely';
import { DiagnosticsRepository, type RecentJobRow } from '../db/repositories/diagnostics';
import { redact } from '../log';
import type { SettingsStore } from '../settings';
import { knownPeople, scrubber } from './scrub';

/** The newest jobs a bundle carries. */
export const DIAGNOSTICS_JOBS = 50;
/** Log text a bundle carries at most, newest files first (bytes, before compression). */
export const DIAGNOSTICS_LOG_BYTES = 20 * 1024 * 1024;

export interface DiagnosticsSources {
  dataDir: string;
  /** The cache; absent when the data dir has none yet. */
  db?: Executor;
  settings: SettingsStore;
  /** What is known of the running console (version, mode, adapter, secret storage…); never secrets. */
  about: Record<string, unknown>;
  /** How the connection is configured: origins only, never ids, usernames or secrets. */
  connection: { configured: boolean; source: string; condoManager?: string; condoControl?: string };
  now: Date;
}

const origin = (url: string | undefined) => {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
};

/** Only an address's origin goes into a bundle (a path or query might name someone). */
export function connectionSummary(secrets: { condoManager: { url: string }; condoControl: { url: string } } | undefined, source: string): DiagnosticsSources['connection'] {
  return secrets
    ? { configured: true, source, condoManager: origin(secrets.condoManager.url), condoControl: origin(secrets.condoControl.url) }
    : { configured: false, source };
}

/** Counts and error codes only: a job's message and outcomes may name residents. */
function jobSummary(r: RecentJobRow): unknown {
  return {
    id: r.id,
    kind: r.kind,
    trigger: r.trigger,
    dryRun: r.dry_run === 1,
    status: r.status,
    phase: r.phase,
    progress: { done: r.progress_done, total: r.progress_total },
    counts: JSON.parse(String(r.counts ?? '{}')),
    errorCode: r.error ? ((JSON.parse(String(r.error)) as { code?: string }).code ?? 'unknown') : null,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

/** Log files, newest first, up to the byte budget. */
function logFiles(dataDir: string): { name: string; text: string }[] {
  const dir = join(dataDir, 'logs');
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.log'));
  } catch {
    return [];
  }
  const files = names.map((name) => ({ name, at: statSync(join(dir, name)).mtimeMs })).sort((a, b) => b.at - a.at);
  const out: { name: string; text: string }[] = [];
  let budget = DIAGNOSTICS_LOG_BYTES;
  for (const f of files) {
    if (budget <= 0) break;
    const buf = readFileSync(join(dir, f.name));
    const text = buf.subarray(Math.max(0, buf.length - budget)).toString('utf8');
    budget -= buf.length;
    out.push({ name: f.name, text });
  }
  return out;
}

/** A settings file's content without anything secret-looking, whatever the key. */
function settingsWithoutSecrets(settings: SettingsStore): unknown {
  const all = (settings as SettingsStore & { store?: Record<string, unknown> }).store;
  return all ? redact(all) : { note: 'settings could not be listed' };
}

/**
 * Builds the support bundle: `about.json` (versions, platform, mode),
 * `settings.json` (no secrets, connection origins only), `jobs.json` (the
 * last 50 jobs: counts and error codes), and `logs/`. Every text goes through
 * the scrubber, which removes the cached residents' names and emails and any
 * email or phone-like number, on top of what the logger already redacted.
 *
 * @returns the zip bytes and the names of its entries.
 */
export async function buildDiagnosticsZip(src: DiagnosticsSources): Promise<{ zip: Uint8Array; entries: string[] }> {
  const repo = src.db && new DiagnosticsRepository(src.db);
  const scrub = scrubber(knownPeople(repo ? await repo.people() : []));
  const [jobs, migrations] = repo ? await Promise.all([repo.recentJobs(DIAGNOSTICS_JOBS), repo.migrations()]) : [[], []];
  const json = (value: unknown) => strToU8(scrub(JSON.stringify(value, null, 2)));
  const files: Zippable = {
    'about.json': json({
      ...src.about,
      generatedAt: src.now.toISOString(),
      runtime: { node: process.versions.node, electron: process.versions.electron, chrome: process.versions.chrome, v8: process.versions.v8 },
      os: { platform: platform(), release: release(), arch: arch() },
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      migrations,
    }),
    'settings.json': json({ settings: settingsWithoutSecrets(src.settings), connection: src.connection }),
    'jobs.json': json(jobs.map(jobSummary)),
  };
  for (const f of logFiles(src.dataDir)) {
    // Line by line, so a huge file does not make one huge regex pass and a line never merges with the next.
    files[`logs/${f.name}`] = strToU8(f.text.split('\n').map(scrub).join('\n'));
  }
  return { zip: zipSync(files, { level: 6, mtime: src.now }), entries: Object.keys(files) };
}
