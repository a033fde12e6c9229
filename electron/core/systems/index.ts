import { CondoControlClient } from './condo-control-client';
import { CondoManagerClient, type ClientPolicyOptions } from './condo-manager-client';
import { DEFAULT_RATE } from './http-policy';
import { HostPacer, type PacerOptions } from './pacer';

export * from './errors';
export * from './schemas';
export { parseList, parseOne, type ParsedList, type RecordError, type ParseContext } from './parse-list';
export { iteratePages, iterateKeyset, collectPages, DEFAULT_LIMIT, MAX_LIMIT, type ListPage, type PageOptions } from './paging';
export { HttpPolicy, DEFAULT_RATE, type HttpPolicyOptions, type RequestOptions, type HttpResponse, type HttpMethod, type OnRequest, type RequestInfo, type RateOptions } from './http-policy';
export { HostPacer, type PacerOptions, type PacerSnapshot } from './pacer';
export { backoffDelay, parseRetryAfter, realSleep, type Sleep, type Now } from './backoff';
export { routeOf, safeUrl, maskText } from './redact';
export { CondoManagerClient, type CondoManagerOptions, type ListOptions, type LedgerListOptions, type PeopleListOptions, type ChangesOptions, type ChangeFeed, type ClientPolicyOptions, type Signal } from './condo-manager-client';
export { CondoManagerDesk, type Role } from './condo-manager-desk';
export { CondoControlClient, type CondoControlOptions, type FindUsersOptions, type CcUserInput, type CcUserCreate, type CcUnitInput, type CcInvoiceInput, type CcPaymentInput, type Upserted } from './condo-control-client';

export interface SystemsConfig {
  condoManager: { url: string; clientId: string; clientSecret: string };
  condoControl: { url: string; username: string; password: string };
  /** Requests per second per host (burst: one second's worth) and in-flight bound per host. */
  rate?: { condoManagerPerSec?: number; condoControlPerSec?: number; concurrency?: number };
  /** Timeouts, retries, hooks, logger, and test clocks for both clients. */
  policy?: Omit<ClientPolicyOptions, 'rate' | 'pacer'>;
  /**
   * Several engines on one database: the limit each host's pacer also waits
   * on, shared by every engine (EngineCluster.sharedLimit), so the sum of
   * all engines keeps the rate. Absent: this engine's own pacing only.
   */
  shared?: (host: string, requestsPerSecond: number) => NonNullable<PacerOptions['shared']>;
}

export interface Systems {
  condoManager: CondoManagerClient;
  condoControl: CondoControlClient;
  /** Pacers by host (`127.0.0.1:4001`), for the bench and diagnostics. */
  pacers: Map<string, HostPacer>;
  close(): void;
}

/**
 * Both clients, pacing per host: if both systems sat behind one host they
 * would share one pacer, so a 429 from either pauses everything sent there.
 */
export function createSystems(config: SystemsConfig): Systems {
  const concurrency = config.rate?.concurrency ?? DEFAULT_RATE.concurrency;
  const pacers = new Map<string, HostPacer>();
  const pacerFor = (url: string, perSec: number | undefined): HostPacer => {
    const host = new URL(url).host;
    let pacer = pacers.get(host);
    if (!pacer) {
      const requestsPerSecond = perSec ?? DEFAULT_RATE.requestsPerSecond;
      pacer = new HostPacer({
        requestsPerSecond,
        burst: Math.max(1, Math.floor(requestsPerSecond)),
        concurrency,
        ...(config.shared ? { shared: config.shared(host, requestsPerSecond) } : {}),
        ...(config.policy?.now ? { now: config.policy.now } : {}),
        ...(config.policy?.sleep ? { sleep: config.policy.sleep } : {}),
      });
      pacers.set(host, pacer);
    }
    return pacer;
  };
  const condoManager = new CondoManagerClient({
    ...config.policy,
    baseUrl: config.condoManager.url,
    clientId: config.condoManager.clientId,
    clientSecret: config.condoManager.clientSecret,
    rate: { requestsPerSecond: config.rate?.condoManagerPerSec ?? DEFAULT_RATE.requestsPerSecond, concurrency },
    pacer: pacerFor(config.condoManager.url, config.rate?.condoManagerPerSec),
  });
  const condoControl = new CondoControlClient({
    ...config.policy,
    baseUrl: config.condoControl.url,
    username: config.condoControl.username,
    password: config.condoControl.password,
    rate: { requestsPerSecond: config.rate?.condoControlPerSec ?? DEFAULT_RATE.requestsPerSecond, concurrency },
    pacer: pacerFor(config.condoControl.url, config.rate?.condoControlPerSec),
  });
  return {
    condoManager,
    condoControl,
    pacers,
    close() {
      condoManager.close();
      condoControl.close();
    },
  };
}
