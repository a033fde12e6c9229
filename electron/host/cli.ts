import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../core/core';
import { createLogger } from '../core/log';
import { ensureBuilt, rendererDir } from './build';
import { DataDirLockedError } from '../runtime/lock';
import { startHost } from './server';
import { HostConfigError } from './exposure';
import { AppError } from '@shared/errors';
import { chooseDatabase } from '../core/db/connect';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const HELP = `Condo Sync: syncs residents, invoices and payments from Condo Manager to Condo Control.

Usage:
  condo-sync serve   [--port 4780] [--host 127.0.0.1] [--data-dir D] [--token T]
                     [--tls-cert cert.pem --tls-key key.pem] [--allowed-host name]
                     [--sandbox-size small|medium|large] [--sandbox-seed N] [--no-build]
                     [--database postgres://user:password@host:5432/db]
                     [--pool-size 10] [--workers 4]
      Runs the sync engine headless and serves the console to a browser.
      --database (or CONDO_SYNC_DATABASE_URL) keeps the engine's state in
      PostgreSQL instead of SQLite in the data dir. Several engines (each
      with its own --data-dir and --port) may serve one database: they share
      the queue, the rate limits and the events, and take over each other's
      jobs. --workers: jobs this engine runs at once (PostgreSQL only);
      --pool-size: connections for the engine's state (the shared queue
      opens --workers + 5 more). Each engine uses pool-size + workers + 5
      of the server's max_connections.
      Any --host other than loopback needs a token of 32+ characters
      (--token or CONDO_SYNC_TOKEN); without TLS it warns that the token
      travels in clear text.
  condo-sync sandbox [--size small] [--seed N] [--cm-port 4701] [--cc-port 4702] [--data-dir D]
      Starts the emulated Condo Manager and Condo Control alone.
  condo-sync sync    [--wait] [--reconcile] [--dry-run] [--json] [--data-dir D]
      Starts a resident sync (or a full reconcile) in the console that owns the
      data dir, or in this process when none runs. Exit code 0 on success,
      1 when the sync ended partial, failed or cancelled, 2 on bad usage.
  condo-sync pause   [--for 2h | --until 2026-12-01T08:00-05:00] [--json] [--data-dir D] [--database postgres://…]
      Pauses the nightly run, catch-ups and real-time sync (until resumed when
      neither option is given). A sync started by hand still runs. With
      engines sharing a PostgreSQL database (--database or
      CONDO_SYNC_DATABASE_URL), every engine on it pauses.
  condo-sync resume  [--json] [--data-dir D] [--database postgres://…]
  condo-sync diagnostics [--data-dir D] [--out file.zip] [--json] [--database postgres://…]
      Writes a support bundle (versions, settings without secrets, the last 50
      jobs, logs; residents' names, emails and phones removed) and prints where.
  condo-sync keys add --name "Marie (front desk)" --role administrator|property-manager|support [--json] [--data-dir D]
  condo-sync keys list [--all] [--json] [--data-dir D]
  condo-sync keys revoke <id> [--data-dir D]
      (each also takes --database postgres://…, or CONDO_SYNC_DATABASE_URL, as serve does)
      Named access keys for people who share this engine. add prints the new
      key once (only a hash is kept); revoke refuses it from then on. Roles:
      administrator (everything), property-manager (syncs, confirmations,
      Unit File), support (read-only, plus Get Account Balance).
  condo-sync help

Environment: CONDO_SYNC_DATA_DIR, CONDO_SYNC_TOKEN, CONDO_SYNC_DATABASE_URL, and the six CONDO_MANAGER_* /
CONDO_CONTROL_* connection variables (see README). Without a connection the
console runs in sandbox mode.`;

class UsageError extends Error {}

function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--${name} must be a whole number (got "${value}").`);
  return n;
}

function countOption(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${value}").`);
  return n;
}

function sizeOption(value: string | undefined): 'small' | 'medium' | 'large' {
  const size = value ?? 'small';
  if (size !== 'small' && size !== 'medium' && size !== 'large') throw new UsageError(`--size must be small, medium or large (got "${size}").`);
  return size;
}

/** A signal this soon after the first is the same stop raised again by a library, not a person insisting (ms). */
const RAISED_AGAIN_MS = 1_000;

/**
 * SIGINT (Ctrl-C) and SIGTERM stop the server cleanly: running jobs are
 * interrupted at their checkpoint and handed back, then the process exits
 * 0 (1 if the stop failed). A second signal later than RAISED_AGAIN_MS
 * exits at once with 130. One sooner is ignored: `when-exit` (under conf's
 * atomic writes) listens for the same signals, cleans up its temporary
 * files, then raises the signal again, which used to end the process 40 ms
 * into its stop, before any job was handed back.
 */
function onSignals(stop: () => Promise<void>, stopping: string): void {
  let firstAt: number | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (firstAt !== undefined) {
      if (Date.now() - firstAt < RAISED_AGAIN_MS) return;
      process.exit(130);
    }
    firstAt = Date.now();
    console.log(`Stopping (${signal}): ${stopping} Press Ctrl-C again to stop at once.`);
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`Condo Sync did not stop cleanly: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      token: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      'sandbox-size': { type: 'string' },
      'sandbox-seed': { type: 'string' },
      'no-build': { type: 'boolean' },
      database: { type: 'string' },
      'pool-size': { type: 'string' },
      workers: { type: 'string' },
    },
    strict: true,
  });
  const dataDir = resolveDataDir(values['data-dir']);
  const port = intOption(values.port, 'port', 4780);
  const poolSize = values['pool-size'] === undefined ? undefined : countOption(values['pool-size'], 'pool-size', 2, 200);
  const workers = values.workers === undefined ? undefined : countOption(values.workers, 'workers', 1, 64);
  // Checked before the build, so a typo in the URL fails at once.
  chooseDatabase({ flag: values.database, sqliteFile: join(dataDir, 'condo-sync.sqlite') });
  const sandboxSize = values['sandbox-size'] === undefined ? undefined : sizeOption(values['sandbox-size']);
  if (!values['no-build']) ensureBuilt(ROOT, (line) => console.error(line));
  const host = await startHost({
    dataDir,
    port,
    // No --port asked for (as `npm start`'s browser mode): a busy 4780 is no reason not to start.
    portFallback: values.port === undefined,
    host: values.host ?? '127.0.0.1',
    ...(values.token ? { token: values.token } : {}),
    ...(values.database ? { database: values.database } : {}),
    ...(poolSize ? { poolSize } : {}),
    ...(workers ? { workers } : {}),
    ...(values['tls-cert'] ? { tlsCert: values['tls-cert'] } : {}),
    ...(values['tls-key'] ? { tlsKey: values['tls-key'] } : {}),
    ...(values['allowed-host'] ? { allowedHosts: values['allowed-host'].flatMap((h) => h.split(',')) } : {}),
    staticDir: rendererDir(ROOT),
    ...(sandboxSize ? { sandboxSize } : {}),
    ...(values['sandbox-seed'] !== undefined ? { sandboxSeed: intOption(values['sandbox-seed'], 'sandbox-seed', 0) } : {}),
    logger: createLogger({ dir: join(dataDir, 'logs'), console: false }),
  });
  for (const warning of host.warnings) console.error(warning);
  const info = host.core.info;
  console.log(`Condo Sync ${info.version} is running in ${info.mode} mode. Data: ${dataDir}`);
  if (info.sandbox) console.log(`Sandbox Condo Manager: ${info.sandbox.condoManagerUrl}  Condo Control: ${info.sandbox.condoControlUrl}`);
  console.log('Open the console:');
  console.log(host.url);
  onSignals(() => host.close(), 'a running sync stops at its checkpoint (another engine on the same database resumes it at once; here, at the next start).');
}

async function sandbox(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      size: { type: 'string' },
      seed: { type: 'string' },
      'cm-port': { type: 'string' },
      'cc-port': { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const { startSandboxes } = await import('../sandbox');
  const dataDir = resolve(values['data-dir'] ?? join(resolveDataDir(), 'sandbox'));
  const running = await startSandboxes({
    dataDir,
    size: sizeOption(values.size),
    ...(values.seed !== undefined ? { seed: intOption(values.seed, 'seed', 0) } : {}),
    cmPort: intOption(values['cm-port'], 'cm-port', 4701),
    ccPort: intOption(values['cc-port'], 'cc-port', 4702),
  });
  console.log(`Sandbox data: ${dataDir}`);
  console.log(`Condo Manager: ${running.condoManagerUrl}   (client id demo, secret demo-secret)`);
  console.log(`Condo Control: ${running.condoControlUrl}   (username demo, password demo-password)`);
  console.log('Point a console at them with CONDO_MANAGER_URL, CONDO_CONTROL_URL and the credentials above.');
  onSignals(() => running.close(), 'the sandboxes close their databases.');
}

async function sync(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      wait: { type: 'boolean' },
      reconcile: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const { runSyncCommand } = await import('./sync-command');
  return runSyncCommand({
    dataDir: resolveDataDir(values['data-dir']),
    wait: values.wait ?? false,
    reconcile: values.reconcile ?? false,
    dryRun: values['dry-run'] ?? false,
    json: values.json ?? false,
  });
}

async function pauseOrResume(action: 'pause' | 'resume', args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { for: { type: 'string' }, until: { type: 'string' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' }, database: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const { runPauseCommand, PauseUsageError } = await import('./pause-command');
  try {
    return await runPauseCommand({
      action,
      dataDir: resolveDataDir(values['data-dir']),
      json: values.json ?? false,
      ...(values.database !== undefined ? { database: values.database } : {}),
      ...(values.for !== undefined ? { for: values.for } : {}),
      ...(values.until !== undefined ? { until: values.until } : {}),
    });
  } catch (err) {
    // A bad --until (past, or more than 30 days away) is bad usage too.
    if (err instanceof PauseUsageError || (err as { code?: string }).code === 'invalid_input') throw new UsageError((err as Error).message);
    throw err;
  }
}

async function keys(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { name: { type: 'string' }, role: { type: 'string' }, all: { type: 'boolean' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' }, database: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  const [action, id, ...extra] = positionals;
  if (extra.length || (id !== undefined && action !== 'revoke')) throw new UsageError(`Unexpected argument "${extra[0] ?? id}".`);
  const { runKeysCommand, KeysUsageError } = await import('./keys-command');
  try {
    return await runKeysCommand({
      action,
      dataDir: resolveDataDir(values['data-dir']),
      json: values.json ?? false,
      ...(id !== undefined ? { id } : {}),
      ...(values.name !== undefined ? { name: values.name } : {}),
      ...(values.role !== undefined ? { role: values.role } : {}),
      ...(values.all ? { all: true } : {}),
      ...(values.database ? { database: values.database } : {}),
    });
  } catch (err) {
    if (err instanceof KeysUsageError) throw new UsageError(err.message);
    throw err;
  }
}

async function diagnostics(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, database: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const { runDiagnosticsCommand } = await import('./diagnostics-command');
  const dataDir = resolveDataDir(values['data-dir']);
  const store = chooseDatabase({ flag: values.database, sqliteFile: join(dataDir, 'condo-sync.sqlite') });
  return runDiagnosticsCommand({ dataDir, json: values.json ?? false, ...(values.out ? { out: values.out } : {}), ...(store.kind === 'postgres' ? { databaseUrl: store.url } : {}) });
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // `condo-sync serve --help` asks for the usage, not for a server.
  if (command && (rest.includes('--help') || rest.includes('-h'))) {
    console.log(HELP);
    return 0;
  }
  try {
    switch (command) {
      case 'serve':
        await serve(rest);
        return -1; // keeps running
      case 'sandbox':
        await sandbox(rest);
        return -1;
      case 'sync':
        return await sync(rest);
      case 'diagnostics':
        return await diagnostics(rest);
      case 'keys':
        return await keys(rest);
      case 'pause':
      case 'resume':
        return await pauseOrResume(command, rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(err as Error).message}\n\n${HELP}`);
      return 2;
    }
    if (err instanceof HostConfigError || (err instanceof AppError && err.code === 'invalid_input')) {
      console.error(err.message);
      return 2;
    }
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      return 1;
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`That port is already in use. Choose another with --port (0 picks a free one).`);
      return 1;
    }
    console.error(`Condo Sync could not start: ${(err as Error).message}`);
    return 1;
  }
}
