import { readFileSync } from 'node:fs';
import { isLoopback } from '../runtime/host-check';

/** The token an exposed host needs at least: 32 characters (about 190 bits when random). */
export const MIN_EXPOSED_TOKEN_LENGTH = 32;

/** Why the host refuses to start with these options; the message says what to do. */
export class HostConfigError extends Error {
  override name = 'HostConfigError';
}

export interface ExposureInput {
  /** The address to bind (`--host`); default 127.0.0.1. */
  host?: string;
  /** `--token`, or else CONDO_SYNC_TOKEN: a token the user chose. */
  token?: string;
  /** Paths of a PEM certificate (chain) and its private key. */
  tlsCert?: string;
  tlsKey?: string;
}

export interface Exposure {
  host: string;
  loopback: boolean;
  tls?: { cert: Buffer; key: Buffer };
  /** Printed by the CLI and logged: things the user should know but that do not stop the host. */
  warnings: string[];
}

/**
 * Checks how the host may be exposed, before anything listens. Loopback is
 * the default and needs nothing. Any other address needs an explicit token of
 * at least 32 characters (a random one printed to a console someone else can
 * read is not a decision to expose the data), and is warned about without TLS,
 * because the token then crosses the network in clear text.
 *
 * @throws HostConfigError naming the missing option.
 */
export function checkExposure(input: ExposureInput): Exposure {
  const host = input.host?.trim() || '127.0.0.1';
  const loopback = isLoopback(host);
  if (!!input.tlsCert !== !!input.tlsKey) {
    throw new HostConfigError('HTTPS needs both --tls-cert and --tls-key (PEM files); only one was given.');
  }
  let tls: Exposure['tls'];
  if (input.tlsCert && input.tlsKey) {
    try {
      tls = { cert: readFileSync(input.tlsCert), key: readFileSync(input.tlsKey) };
    } catch (err) {
      throw new HostConfigError(`Could not read the TLS certificate or key (${(err as NodeJS.ErrnoException).code ?? 'unreadable'}). Check --tls-cert and --tls-key.`);
    }
  }
  const warnings: string[] = [];
  if (!loopback) {
    if (!input.token) {
      throw new HostConfigError(
        `Refusing to serve on ${host}: other computers could reach the console and its residents' data. ` +
          `Give an access token of at least ${MIN_EXPOSED_TOKEN_LENGTH} characters with --token or CONDO_SYNC_TOKEN ` +
          '(for example: openssl rand -base64 33), or leave out --host to serve this computer only.',
      );
    }
    if (input.token.length < MIN_EXPOSED_TOKEN_LENGTH) {
      throw new HostConfigError(
        `Refusing to serve on ${host}: the access token has ${input.token.length} characters; off this computer it needs at least ${MIN_EXPOSED_TOKEN_LENGTH} ` +
          '(for example: openssl rand -base64 33).',
      );
    }
    if (!tls) {
      warnings.push(
        `Warning: serving on ${host} over plain HTTP. The access token and residents' data travel in clear text on the network; ` +
          'anyone on it can read them. Give --tls-cert and --tls-key to serve HTTPS.',
      );
    }
  }
  return { host, loopback, ...(tls ? { tls } : {}), warnings };
}
