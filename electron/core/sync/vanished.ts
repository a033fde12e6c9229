import { say } from '@shared/core-messages';
import type { CcUser } from '../systems/schemas';
import type { ResidentSyncDeps } from './resident-sync';
import type { SyncControl, SyncRequest } from './types';

/** A reconcile never deactivates more than this share of a building without a person's say-so. */
export const DEACTIVATION_GUARD = 0.1;

/**
 * Deactivates Condo Control users whose Condo Manager record is gone. Called
 * only by a full reconcile whose reads all succeeded. Returns a message when
 * the guard stops it, so the job waits for confirmation instead.
 */
export async function deactivateVanished(
  deps: ResidentSyncDeps,
  req: SyncRequest,
  ctl: SyncControl,
  corp: { id: string; workspaceId: string; runStart: string; ccUsers: CcUser[] },
): Promise<string | undefined> {
  const people = await deps.cache.people(corp.id);
  const seen = new Set(await deps.cache.seenIds(corp.id, corp.runStart));
  const vanished = corp.ccUsers.filter((u) => u.active && u.externalId && !seen.has(u.externalId));
  const size = Math.max(1, people.filter((p) => seen.has(p.id) && p.status === 'Active').length);
  const guarded = vanished.length > 0 && vanished.length > size * DEACTIVATION_GUARD;
  // A preview only reports; the real reconcile is the one that stops to ask.
  if (guarded && !req.confirmed && !req.dryRun) {
    return say('reconcileGuard', { count: vanished.length, size, percent: DEACTIVATION_GUARD * 100 });
  }
  for (const user of vanished) {
    if (ctl.signal.aborted) return undefined;
    try {
      if (!req.dryRun) await deps.systems.cc.deactivateUser(corp.workspaceId, user.id, { signal: ctl.signal });
      ctl.outcome({
        entity: 'person',
        entityId: user.externalId!,
        outcome: 'deactivated',
        message: [say('vanished'), ...(guarded && req.dryRun ? [say('vanishedGuarded', { count: vanished.length, size, percent: DEACTIVATION_GUARD * 100 })] : [])].join(' '),
        changes: [{ field: 'active', condoManager: false, condoControl: true }],
      });
    } catch (err) {
      if (ctl.signal.aborted) throw err;
      ctl.outcome({ entity: 'person', entityId: user.externalId!, outcome: 'failed', message: `${say('deactivateFailed')} ${say('retriedNextReconcile')}` });
    }
  }
  if (!req.dryRun) await deps.cache.forgetUnseen(corp.id, corp.runStart);
  return undefined;
}
