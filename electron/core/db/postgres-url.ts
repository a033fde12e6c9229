import { AppError } from '@shared/errors';

/**
 * What is safe to show about a PostgreSQL URL: `postgres://user@host:port/db`,
 * never the password (it is dropped, not masked, so not even its length shows).
 */
export interface PostgresTarget {
  /** The URL as given, password included: only ever handed to the driver. */
  url: string;
  /** user@host:port/database, for messages and logs. */
  label: string;
  host: string;
  port: number;
  user: string;
  database: string;
}

const SCHEMES = new Set(['postgres:', 'postgresql:']);

/**
 * Checks a `postgres://` / `postgresql://` URL before any connection is tried.
 * @throws AppError invalid_input, whose message never repeats the URL (it may hold a password).
 */
export function parsePostgresUrl(raw: string): PostgresTarget {
  const bad = (why: string) =>
    new AppError('invalid_input', `The database address is not a usable PostgreSQL URL: ${why}. Expected postgres://user:password@host:5432/database.`, {
      field: 'database',
    });
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw bad('it cannot be read as a URL');
  }
  if (!SCHEMES.has(u.protocol)) throw bad(`it starts with "${u.protocol.replace(/:$/, '')}://" instead of postgres://`);
  // A Unix-socket folder may come as ?host=/run/postgresql with an empty host part.
  const host = u.hostname || u.searchParams.get('host') || '';
  if (!host) throw bad('it names no host');
  const port = u.port ? Number(u.port) : 5432;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw bad('its port is not a number from 1 to 65535');
  const user = decodeURIComponent(u.username) || process.env.PGUSER || 'postgres';
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || user;
  if (database.includes('/')) throw bad('its database name contains "/"');
  return { url: raw.trim(), host, port, user, database, label: `${user}@${host}:${port}/${database}` };
}

/** The URL without its password, for the odd place that wants a URL rather than a label. */
export function redactPostgresUrl(raw: string): string {
  try {
    const u = new URL(raw);
    u.password = '';
    return u.toString();
  } catch {
    return '(unreadable database URL)';
  }
}

/**
 * Turns a driver error from connecting into a typed error a person can act on.
 * The driver's own text is left out: it can quote the connection string.
 */
export function connectError(target: PostgresTarget, err: unknown): AppError {
  const e = err as { code?: string; message?: string };
  const where = `PostgreSQL at ${target.host}:${target.port}`;
  const details = { database: target.label, ...(e.code ? { reason: e.code } : {}) };
  switch (e.code) {
    case 'ECONNREFUSED':
      return new AppError('unavailable', `${where} refused the connection. Check that the server is running and listens on that address.`, details);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new AppError('unavailable', `${where}: the host name "${target.host}" could not be found. Check the address.`, details);
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new AppError('unavailable', `${where} could not be reached from this computer. Check the address and the network.`, details);
    case '28P01':
    case '28000':
      return new AppError('unauthorized', `${where} refused user "${target.user}": wrong password, or pg_hba.conf does not let this computer in.`, details);
    case '3D000':
      return new AppError('not_found', `${where} has no database "${target.database}". Create it (createdb ${target.database}) or correct the URL.`, details);
    case '57P03':
      return new AppError('unavailable', `${where} is starting up or shutting down. Try again in a moment.`, details);
    case '53300':
      return new AppError('unavailable', `${where} has no free connections (too many clients). Lower other clients' use or raise max_connections.`, details);
    default:
      if (/timeout/i.test(e.message ?? '')) {
        return new AppError('timeout', `${where} did not answer in time. Check the address and that the server is running.`, details);
      }
      return new AppError('unavailable', `${where} could not be used${e.code ? ` (error ${e.code})` : ''}.`, details);
  }
}
