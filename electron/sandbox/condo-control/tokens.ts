// Bearer tokens from POST /api/v1/auth/token. Kept in memory: after a restart
// a client gets 401 and logs in again, exactly what it must do on expiry.
import { randomBytes } from 'node:crypto';

export class Tokens {
  private readonly live = new Map<string, number>();

  constructor(private ttlSec: number) {}

  issue(now = Date.now()): { accessToken: string; expiresIn: number; tokenType: 'Bearer' } {
    // Drop expired tokens now and then so a long-running sandbox stays small.
    if (this.live.size > 1000) for (const [t, exp] of this.live) if (exp <= now) this.live.delete(t);
    const accessToken = randomBytes(24).toString('base64url');
    this.live.set(accessToken, now + this.ttlSec * 1000);
    return { accessToken, expiresIn: this.ttlSec, tokenType: 'Bearer' };
  }

  valid(token: string, now = Date.now()): boolean {
    const expires = this.live.get(token);
    return expires !== undefined && expires > now;
  }

  /** For tests of a client's re-login: every token issued so far stops working. */
  expireAll(): number {
    const n = this.live.size;
    this.live.clear();
    return n;
  }

  setTtl(ttlSec: number): void {
    this.ttlSec = ttlSec;
  }

  ttl(): number {
    return this.ttlSec;
  }
}
