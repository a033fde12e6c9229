import { raceAbort, type Now } from './backoff';
import type { Token } from './schemas';

/** Refresh this long before the stated expiry, so a token never dies mid-request. */
const EARLY_MS = 60_000;

/**
 * Condo Control's bearer token. One login at a time: callers that need a
 * token while a login is in flight share it, so a burst of 401s after expiry
 * costs one login, not one per request.
 */
export class TokenSession {
  private token: { value: string; expiresAt: number } | undefined;
  private inflight: Promise<string> | undefined;

  constructor(
    private readonly login: () => Promise<Token>,
    private readonly now: Now = Date.now,
  ) {}

  async get(signal?: AbortSignal): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt) return this.token.value;
    return this.refresh(signal);
  }

  /**
   * Logs in again. `stale` is the token a 401 refused: if another caller has
   * already replaced it, that newer token is used without another login.
   */
  refresh(signal?: AbortSignal, stale?: string): Promise<string> {
    if (stale !== undefined && this.token && this.token.value !== stale) return Promise.resolve(this.token.value);
    if (stale !== undefined && this.token?.value === stale) this.token = undefined;
    // The login runs without any one caller's signal: others may be waiting on
    // it. Each caller stops waiting when its own signal fires.
    this.inflight ??= this.login()
      .then((t) => {
        this.token = { value: t.accessToken, expiresAt: this.now() + t.expiresIn * 1000 - Math.min(EARLY_MS, t.expiresIn * 500) };
        return t.accessToken;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return raceAbort(this.inflight, signal);
  }

  /** Whether `value` is the newest token, with no login under way to replace it. */
  isCurrent(value: string): boolean {
    return this.inflight === undefined && this.token?.value === value;
  }

  clear(): void {
    this.token = undefined;
  }
}
