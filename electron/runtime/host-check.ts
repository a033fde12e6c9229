import { networkInterfaces } from 'node:os';
import { isIP } from 'node:net';

/** 127.0.0.0/8, ::1 and "localhost": only this computer can connect. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '::ffff:127.0.0.1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/** Splits a Host header into a lower-case name (IPv6 without brackets) and a port. */
export function parseHostHeader(header: string): { name: string; port?: number } | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!m) return undefined;
  return { name: m[1]!.replace(/^\[|\]$/g, '').toLowerCase(), ...(m[2] ? { port: Number(m[2]) } : {}) };
}

function localAddresses(): Set<string> {
  const out = new Set<string>();
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) out.add(a.address.toLowerCase());
  return out;
}

export interface HostCheckOptions {
  /** The bound address (`--host`). */
  bound: string;
  port: number;
  /** Extra names people use to reach an exposed host (`--allowed-host`), e.g. a DNS name. */
  allowed?: string[];
}

/**
 * The DNS-rebinding guard: a page on evil.example whose name an attacker
 * re-points at 127.0.0.1 reaches the port, but its requests still say
 * `Host: evil.example`. Only the names this host is actually served under
 * pass: loopback names when bound to loopback or all interfaces, the bound
 * address itself, this computer's own addresses on a wildcard bind, and the
 * names given with --allowed-host. The port must be the bound one.
 */
export function hostMatcher(opts: HostCheckOptions): (header: string | undefined) => boolean {
  const bound = opts.bound.replace(/^\[|\]$/g, '').toLowerCase();
  const wildcard = bound === '0.0.0.0' || bound === '::';
  const allowed = new Set((opts.allowed ?? []).map((h) => h.trim().toLowerCase()).filter(Boolean));
  const names = new Set<string>([bound, ...allowed]);
  if (isLoopback(bound) || wildcard) for (const n of ['localhost', '127.0.0.1', '::1']) names.add(n);
  let own: Set<string> | undefined;
  return (header) => {
    if (!header) return false;
    const parsed = parseHostHeader(header);
    if (!parsed) return false;
    const port = parsed.port ?? 80;
    if (port !== opts.port && !(parsed.port === undefined && opts.port === 443)) return false;
    if (names.has(parsed.name)) return true;
    if (isLoopback(parsed.name) && isLoopback(bound)) return true;
    if (wildcard) return (own ??= localAddresses()).has(parsed.name);
    return false;
  };
}

/** The default for an adapter that was not told its address: loopback names on any port. */
export function loopbackHostOnly(header: string | undefined): boolean {
  const parsed = header ? parseHostHeader(header) : undefined;
  return !!parsed && isLoopback(parsed.name);
}
