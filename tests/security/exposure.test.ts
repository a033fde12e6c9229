import { describe, expect, it } from 'vitest';
import { AuthLimiter } from '../../electron/runtime/auth-limiter';
import { checkExposure, HostConfigError, MIN_EXPOSED_TOKEN_LENGTH } from '../../electron/host/exposure';
import { hostMatcher, isLoopback, loopbackHostOnly, parseHostHeader } from '../../electron/runtime/host-check';

const LONG = 'x'.repeat(MIN_EXPOSED_TOKEN_LENGTH);

describe('who may reach the host', () => {
  it('serves loopback by default without any option', () => {
    expect(checkExposure({})).toEqual({ host: '127.0.0.1', loopback: true, warnings: [] });
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopback(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.20', 'sync.office.example']) expect(isLoopback(h)).toBe(false);
  });

  it('refuses any other address without an explicit token, and says what to do', () => {
    expect(() => checkExposure({ host: '0.0.0.0' })).toThrow(HostConfigError);
    expect(() => checkExposure({ host: '0.0.0.0' })).toThrow(/--token or CONDO_SYNC_TOKEN/);
    expect(() => checkExposure({ host: '192.168.1.20', token: 'x'.repeat(31) })).toThrow(/31 characters.*at least 32/);
  });

  it('accepts a 32-character token off loopback, warning that plain HTTP carries it in clear text', () => {
    const e = checkExposure({ host: '0.0.0.0', token: LONG });
    expect(e.loopback).toBe(false);
    expect(e.warnings).toHaveLength(1);
    expect(e.warnings[0]).toMatch(/clear text.*--tls-cert and --tls-key/);
    expect(e.warnings[0]).not.toContain(LONG);
  });

  it('needs both TLS files, and readable ones', () => {
    expect(() => checkExposure({ tlsCert: '/tmp/cert.pem' })).toThrow(/both --tls-cert and --tls-key/);
    expect(() => checkExposure({ tlsCert: '/nonexistent/cert.pem', tlsKey: '/nonexistent/key.pem' })).toThrow(/ENOENT/);
  });
});

describe('Host header (DNS rebinding)', () => {
  it('on loopback accepts loopback names on the bound port only', () => {
    const ok = hostMatcher({ bound: '127.0.0.1', port: 4780 });
    expect(ok('127.0.0.1:4780')).toBe(true);
    expect(ok('localhost:4780')).toBe(true);
    expect(ok('[::1]:4780')).toBe(true);
    expect(ok('LOCALHOST:4780')).toBe(true);
    expect(ok('evil.example:4780')).toBe(false);
    expect(ok('127.0.0.1:4781')).toBe(false);
    expect(ok('127.0.0.1')).toBe(false);
    expect(ok(undefined)).toBe(false);
    expect(ok('127.0.0.1:4780@evil.example')).toBe(false);
  });

  it('off loopback accepts the bound address and the names given with --allowed-host', () => {
    const ok = hostMatcher({ bound: '192.168.1.20', port: 443, allowed: ['Sync.Office.Example'] });
    expect(ok('192.168.1.20')).toBe(true);
    expect(ok('192.168.1.20:443')).toBe(true);
    expect(ok('sync.office.example')).toBe(true);
    expect(ok('localhost:443')).toBe(false);
    expect(ok('attacker.example')).toBe(false);
  });

  it('the adapter default accepts loopback names only', () => {
    expect(loopbackHostOnly('127.0.0.1:1234')).toBe(true);
    expect(loopbackHostOnly('rebind.attacker.example:1234')).toBe(false);
    expect(parseHostHeader('[::1]:80')).toEqual({ name: '::1', port: 80 });
  });
});

describe('failed token attempts', () => {
  it('locks an address out after 10 failures in a minute, and only that address', () => {
    let now = 1_000_000;
    const limiter = new AuthLimiter({ now: () => now });
    for (let i = 1; i < 10; i++) expect(limiter.fail('10.0.0.9')).toEqual({ failures: i, locked: false });
    expect(limiter.retryAfterSec('10.0.0.9')).toBe(0);
    expect(limiter.fail('10.0.0.9')).toEqual({ failures: 10, locked: true });
    expect(limiter.retryAfterSec('10.0.0.9')).toBe(300);
    expect(limiter.retryAfterSec('10.0.0.10')).toBe(0);
    limiter.succeed('10.0.0.9'); // a right token during the lock does not lift it
    now += 299_000;
    expect(limiter.retryAfterSec('10.0.0.9')).toBe(1);
    now += 1_000;
    expect(limiter.retryAfterSec('10.0.0.9')).toBe(0);
  });

  it('forgets failures older than the window, and after a success', () => {
    let now = 0;
    const limiter = new AuthLimiter({ now: () => now });
    for (let i = 0; i < 9; i++) limiter.fail('a');
    now += 61_000;
    expect(limiter.fail('a').failures).toBe(1);
    limiter.succeed('a');
    expect(limiter.fail('a').failures).toBe(1);
  });

  it('keeps a bounded number of addresses', () => {
    const limiter = new AuthLimiter({ maxAddresses: 3 });
    for (const a of ['a', 'b', 'c', 'd']) limiter.fail(a);
    expect((limiter as unknown as { entries: Map<string, unknown> }).entries.size).toBe(3);
  });
});
