import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';

/**
 * A private PostgreSQL cluster for one test run: initdb into a temp dir,
 * pg_ctl start on a free loopback port with its socket in that dir, trust
 * auth (it listens on 127.0.0.1 only), stopped and removed by stop().
 *
 * Root cannot run initdb, so as root the cluster belongs to the `postgres`
 * user (Debian's package creates it) and the commands run through runuser.
 */
export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres — the maintenance database. */
  url: string;
  port: number;
  dir: string;
  stop(): void;
}

export const INSTALL_HINT =
  "PostgreSQL's server binaries (initdb, pg_ctl) were not found. Install Debian's `postgresql` package " +
  '(apt-get install postgresql; .ci/run does this), or set CONDO_SYNC_PG_BIN to the folder holding initdb.';

/** The folder holding initdb and pg_ctl: CONDO_SYNC_PG_BIN, Debian's newest, or the PATH. */
export function findPostgresBin(): string | undefined {
  const candidates: string[] = [];
  const chosen = process.env.CONDO_SYNC_PG_BIN;
  // A folder named explicitly is the only one tried: a typo should not silently fall back.
  if (chosen) return existsSync(join(chosen, 'initdb')) && existsSync(join(chosen, 'pg_ctl')) ? chosen : undefined;
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join('/usr/lib/postgresql', v, 'bin')));
  }
  for (const dir of candidates) if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const onPath = which.status === 0 ? which.stdout.trim() : '';
  return onPath ? join(onPath, '..') : undefined;
}

/** Starts a throw-away cluster; throws with INSTALL_HINT when the binaries are missing. */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(INSTALL_HINT);
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), 'condo-sync-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    const res = spawnSync(cmd, argv, { encoding: 'utf8', cwd: dir, timeout: 120_000 });
    if (res.status !== 0) throw new Error(`${tool} failed (exit ${res.status ?? res.signal}): ${(res.stderr || res.stdout || String(res.error ?? '')).trim()}`);
  };

  try {
    // C collation and UTF-8: text compares byte by byte, as SQLite's BINARY does.
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    // Durability is pointless for a throw-away cluster; these make CREATE DATABASE and commits cheap.
    const opts = [
      `-p ${port}`,
      "-c listen_addresses='127.0.0.1'",
      `-k ${dir}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      '-c shared_buffers=32MB',
    ].join(' ');
    run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    let stopped = false;
    return {
      url,
      port,
      dir,
      stop() {
        if (stopped) return;
        stopped = true;
        try {
          run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A fresh database in the run's cluster, so test files never see each other's
 * rows. drop() removes it (forcing out connections a failed test left open).
 */
export async function createTestDatabase(
  clusterUrl: string,
  prefix = 'test',
  /** An ICU locale (e.g. 'fr-CA') for the database's collation, as a production server would have, instead of the cluster's C. */
  opts: { icuLocale?: string } = {},
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  try {
    const icu = opts.icuLocale?.replace(/[^A-Za-z0-9_-]/g, '');
    await admin.query(icu ? `CREATE DATABASE "${name}" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '${icu}' LOCALE 'C'` : `CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(clusterUrl, name),
    async drop() {
      const c = new pg.Client({ connectionString: clusterUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
