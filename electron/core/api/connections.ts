import type { Handlers, ParsedInput } from '@shared/contract';
import { AppError } from '@shared/errors';
import type { ConnectionTestReason, ConnectionTestResult } from '@shared/types';
import type { CoreContext } from '../context';
import type { SystemEndpoints } from '../core';
import { createSystems } from '../systems';
import { SystemError } from '../systems/errors';

/** "Test connection" answers within this, whatever the network does. */
export const TEST_DEADLINE_MS = 5_000;

type Input = NonNullable<ParsedInput<'connections.test'>>;
type Cm = SystemEndpoints['condoManager'];
type Cc = SystemEndpoints['condoControl'];
type Check = { ok: boolean; message: string; reason: ConnectionTestReason };

const origin = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

/** A test's failure in people's words: what happened and what to check, no addresses or codes. */
export function testFailure(system: 'Condo Manager' | 'Condo Control', err: unknown): Check {
  const code = err instanceof AppError ? err.code : undefined;
  const status = err instanceof SystemError ? err.status : undefined;
  const no = (reason: ConnectionTestReason, message: string): Check => ({ ok: false, reason, message });
  if (code === 'timeout') return no('timeout', `${system} did not answer within ${TEST_DEADLINE_MS / 1000} seconds. Check the address and this computer's network.`);
  if (code === 'unavailable') return no('unreachable', `${system} did not answer at this address. Check the address and this computer's network.`);
  if (code === 'unauthorized' || code === 'forbidden') {
    return no('refused', system === 'Condo Manager' ? 'Condo Manager refused the client ID or client secret. Check both.' : 'Condo Control refused the username or password. Check both.');
  }
  if (status === 404 || status === 405 || code === 'upstream_error' || code === 'invalid_input') {
    return no('not-the-system', `Something answered at this address, but not as ${system} does. Check the address.`);
  }
  if (code === 'rate_limited') return no('rate-limited', `${system} asked Condo Sync to slow down. Try again in a minute.`);
  return no('unknown', `${system} could not be tested. Check the address and try again.`);
}

/**
 * Picks what to test for one system: the typed values (a secret left out
 * reuses the saved or running one, but only for the same address, so a
 * typed address never receives a secret meant for another), else the saved
 * connection, else the running one.
 */
function pick<T extends Cm | Cc>(typed: Omit<T, 'clientSecret' | 'password'> & Partial<T> | undefined, secretKey: keyof T, known: (T | undefined)[], field: string): T | undefined {
  if (!typed) return known.find(Boolean);
  if (typed[secretKey]) return { ...typed } as T;
  const same = known.find((k) => k && origin(k.url) === origin(typed.url));
  if (same) return { ...typed, [secretKey]: same[secretKey] } as unknown as T;
  throw new AppError('invalid_input', `Enter the ${secretKey === 'clientSecret' ? 'client secret' : 'password'} to test a new address.`, {
    fields: [{ field, message: `enter the ${secretKey === 'clientSecret' ? 'client secret' : 'password'} to test this address` }],
  });
}

/** Runs `work` but answers by the deadline; a late answer is dropped (the request is aborted). */
async function withDeadline(work: (signal: AbortSignal) => Promise<Check>, system: 'Condo Manager' | 'Condo Control'): Promise<Check> {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Check>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve(testFailure(system, new AppError('timeout', 'deadline')));
    }, TEST_DEADLINE_MS);
  });
  try {
    return await Promise.race([work(abort.signal).catch((err: unknown) => testFailure(system, err)), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * "Test connection": tests what is on screen without saving it. One attempt
 * per system with a short timeout, so the person has an answer within 5 s.
 */
export function connectionHandlers(ctx: CoreContext, running: () => SystemEndpoints | undefined): Pick<Handlers, 'connections.test'> {
  return {
    'connections.test': async (raw) => {
      const input: Input = raw ?? {};
      const target = input.target ?? 'both';
      const saved = ctx.secrets.get();
      const live = running();
      const cm = pick<Cm>(input.condoManager, 'clientSecret', [saved?.condoManager, live?.condoManager], 'condoManager.clientSecret');
      const cc = pick<Cc>(input.condoControl, 'password', [saved?.condoControl, live?.condoControl], 'condoControl.password');
      const none: Check = { ok: false, reason: 'not-configured', message: 'No connection is configured. Enter the address and sign-in details.' };
      const untested: Check = { ok: false, reason: 'not-tested', message: 'Not tested.' };
      const result: ConnectionTestResult = { condoManager: untested, condoControl: untested };
      if (!cm || !cc) {
        if (target !== 'condoControl') result.condoManager = cm ? result.condoManager : none;
        if (target !== 'condoManager') result.condoControl = cc ? result.condoControl : none;
        if ((target !== 'condoControl' && !cm) || (target !== 'condoManager' && !cc)) return result;
      }
      // Fresh clients: one attempt, no retries, nothing shared with the running sync.
      const temp = createSystems({
        condoManager: cm ?? { url: 'http://127.0.0.1', clientId: '-', clientSecret: '-' },
        condoControl: cc ?? { url: 'http://127.0.0.1', username: '-', password: '-' },
        policy: { timeoutMs: TEST_DEADLINE_MS - 500, maxAttempts: 1, maxRateLimitRetries: 0, log: ctx.log },
      });
      try {
        const checks: Promise<void>[] = [];
        if (target !== 'condoControl' && cm) {
          checks.push(
            withDeadline(async (signal) => {
              const r = await temp.condoManager.listCorporations({ signal });
              const n = r.items.length;
              return { ok: true, reason: 'connected' as const, message: `Connected: ${n} corporation${n === 1 ? '' : 's'}.`, corporations: n };
            }, 'Condo Manager').then((r) => void (result.condoManager = r)),
          );
        }
        if (target !== 'condoManager' && cc) {
          checks.push(
            withDeadline(async (signal) => {
              const r = await temp.condoControl.ping({ signal });
              return { ok: true, reason: 'connected' as const, message: `Connected: ${r.workspaces} building${r.workspaces === 1 ? '' : 's'}.`, workspaces: r.workspaces };
            }, 'Condo Control').then((r) => void (result.condoControl = r)),
          );
        }
        await Promise.all(checks);
        ctx.log.info('connections tested', { condoManager: result.condoManager.ok, condoControl: result.condoControl.ok, typed: !!(input.condoManager || input.condoControl) });
        return result;
      } finally {
        temp.close();
      }
    },
  };
}
