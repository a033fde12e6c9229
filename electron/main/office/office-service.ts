import type { Handlers } from '@shared/contract';
import { AppError } from '@shared/errors';
import type { Session } from '@shared/access';
import type { AppInfo, Job, OfficeConnection, OfficeTestResult, Page } from '@shared/types';
import type { Logger } from '../../core/log';
import type { SettingsStore } from '../../core/settings';
import { OFFICE_SETTING, savedOfficeOrigin, type OfficeKeyStore } from './boot-decision';
import { callOffice, type FetchLike } from './office-client';
import { parseOfficeUrl } from './office-url';
import type { Engine, RemoteEngine } from './remote-engine';

export type OfficeHandlers = Pick<Handlers, 'office.get' | 'office.test' | 'office.connect' | 'office.disconnect'>;

export interface OfficeServiceOptions {
  settings: SettingsStore;
  keys: OfficeKeyStore;
  fetch: FetchLike;
  log: Logger;
  /** The engine running now: this computer's core, or the office server's. */
  current: { mode: 'local'; engine: Engine } | { mode: 'remote'; engine: RemoteEngine };
  /** Restarts the app's engine side once the choice is saved (the app relaunches itself). */
  restart(mode: 'local' | 'remote'): void;
  /** How long to wait for cancelled local syncs to stop, in ms (default 30 s). */
  cancelWaitMs?: number;
  /** How long Test and Connect wait for the server's answer, in ms (default 15 s). */
  probeTimeoutMs?: number;
}

const ACTIVE = ['running', 'awaiting_confirmation', 'queued'] as const;

/**
 * Settings → Connect to an office server, answered by the desktop app itself
 * (never forwarded): test a server with a key, connect (saved only after the
 * server accepted the key; the key kept by the key store), and disconnect.
 * Switching never drops a sync: while syncs are queued or running on this
 * computer, connect answers `conflict` (details.reason 'local_jobs') until the
 * user agrees to cancel them (`cancelLocalJobs`).
 */
export class OfficeService {
  constructor(private readonly o: OfficeServiceOptions) {}

  connection(): OfficeConnection {
    const base = this.o.current.mode === 'remote' ? this.o.current.engine.connection() : { available: true, mode: 'local' as const };
    return { ...base, keyStorage: this.o.keys.storage };
  }

  /** The key to use: the one typed, else the link's own token, else the saved key for the saved server. */
  private keyFor(origin: string, typed: string | undefined, tokenInUrl: string | undefined): string {
    const key = typed ?? tokenInUrl ?? (savedOfficeOrigin(this.o.settings) === origin ? this.savedKey() : undefined);
    if (!key) {
      const message = 'enter the access key given with the server’s address';
      throw new AppError('invalid_input', `Invalid input: key: ${message}.`, { fields: [{ field: 'key', message, reason: 'key_required' }] });
    }
    return key;
  }

  private savedKey(): string | undefined {
    try {
      return this.o.keys.get();
    } catch {
      return undefined;
    }
  }

  /** Asks the server who it is, with that key: a real call, as the Test button promises. */
  private async probe(origin: string, key: string): Promise<OfficeTestResult> {
    const timeoutMs = this.o.probeTimeoutMs ?? 15_000;
    let info: Partial<AppInfo> | null;
    try {
      info = (await callOffice({ origin, key, fetch: this.o.fetch, timeoutMs }, 'app.info', {})) as Partial<AppInfo> | null;
    } catch (err) {
      // app.info answers whenever the host is up: its own `unavailable` means the engine behind it is still starting.
      if (err instanceof AppError && err.code === 'unavailable' && !(err.details as { reason?: unknown } | undefined)?.reason) {
        throw new AppError('unavailable', `The office server at ${origin} is still starting. Try again in a minute.`, { reason: 'starting' });
      }
      throw err;
    }
    if (!info || typeof info.version !== 'string' || (info.mode !== 'sandbox' && info.mode !== 'live')) {
      throw new AppError('upstream_error', `The address ${origin} answered, but not as a Condo Sync office server. Check the address.`, { reason: 'not_condo_sync' });
    }
    // What the key may do there: a server older than access keys has no session.get, and says so with unknown_method.
    let access: OfficeTestResult['access'];
    try {
      const session = (await callOffice({ origin, key, fetch: this.o.fetch, timeoutMs }, 'session.get', {})) as Session;
      access = { role: session.caller.role, ...(session.caller.name ? { name: session.caller.name } : {}) };
    } catch (err) {
      if (!(err instanceof AppError && (err.code === 'unknown_method' || err.code === 'not_implemented'))) throw err;
    }
    return { url: origin, version: info.version, mode: info.mode, ...(access ? { access } : {}) };
  }

  /** Cancels what is queued or running on this computer and waits (bounded) until nothing runs. */
  private async cancelLocal(engine: Engine, jobs: Job[]): Promise<void> {
    for (const job of jobs) {
      await engine.call('jobs.cancel', { id: job.id }).catch((err) => this.o.log.warn('could not cancel a local sync before switching', { error: String(err) }));
    }
    const until = Date.now() + (this.o.cancelWaitMs ?? 30_000);
    while (Date.now() < until && (await this.activeLocal(engine)).some((j) => j.status === 'running')) await new Promise((r) => setTimeout(r, 200));
  }

  private async activeLocal(engine: Engine): Promise<Job[]> {
    const lists = await Promise.all(ACTIVE.map((status) => engine.call('jobs.list', { status, limit: 200 }) as Promise<Page<Job>>));
    return lists.flatMap((p) => p.items);
  }

  handlers(): OfficeHandlers {
    return {
      'office.get': async () => this.connection(),
      'office.test': async ({ url, key }) => {
        const { origin, tokenInUrl } = parseOfficeUrl(url);
        return this.probe(origin, this.keyFor(origin, key, tokenInUrl));
      },
      'office.connect': async ({ url, key, cancelLocalJobs }) => {
        const { origin, tokenInUrl } = parseOfficeUrl(url);
        const useKey = this.keyFor(origin, key, tokenInUrl);
        await this.probe(origin, useKey);
        const current = this.o.current;
        if (current.mode === 'local') {
          const active = await this.activeLocal(current.engine);
          if (active.length && !cancelLocalJobs) {
            throw new AppError(
              'conflict',
              `${active.length === 1 ? 'A sync is' : `${active.length} syncs are`} queued or running on this computer. Let it finish, or cancel it and connect; nothing already written is undone.`,
              { reason: 'local_jobs', count: active.length },
            );
          }
          if (active.length) await this.cancelLocal(current.engine, active);
        }
        // The key first: a saved server without its key would start refused.
        this.o.keys.set(useKey);
        this.o.settings.set(OFFICE_SETTING, { url: origin });
        this.o.log.info('connecting to an office server', { server: origin });
        this.o.restart('remote');
        return { restarting: true, mode: 'remote' };
      },
      'office.disconnect': async () => {
        if (this.o.current.mode === 'local' && !savedOfficeOrigin(this.o.settings)) {
          throw new AppError('conflict', 'This computer already runs its own engine.');
        }
        this.o.settings.set(OFFICE_SETTING, null);
        this.o.keys.set(null);
        this.o.log.info('disconnected from the office server: the engine runs on this computer');
        this.o.restart('local');
        return { restarting: true, mode: 'local' };
      },
    };
  }
}
