/**
 * The cluster's tuning read from the environment, apart from the cluster
 * itself: `serve` reads it on every start, and importing engine-cluster.ts
 * would load graphile-worker and pg (~12 MB) into an engine on SQLite too.
 */
import type { ClusterTuning } from './engine-cluster';

/**
 * Tuning from the environment, for tests and drills that kill engines and
 * should not wait the production intervals: CONDO_SYNC_ENGINE_ID,
 * CONDO_SYNC_HEARTBEAT_MS, CONDO_SYNC_STALE_MS, CONDO_SYNC_LEASE_TTL_MS,
 * CONDO_SYNC_POLL_MS (whole ms; anything else is ignored).
 */
export function clusterTuningFromEnv(env: NodeJS.ProcessEnv): ClusterTuning {
  const ms = (name: string) => {
    const n = Number(env[name]);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const tuning: ClusterTuning = {};
  if (env.CONDO_SYNC_ENGINE_ID?.trim()) tuning.engineId = env.CONDO_SYNC_ENGINE_ID.trim();
  const heartbeatMs = ms('CONDO_SYNC_HEARTBEAT_MS');
  const staleMs = ms('CONDO_SYNC_STALE_MS');
  const leaseTtlMs = ms('CONDO_SYNC_LEASE_TTL_MS');
  const pollIntervalMs = ms('CONDO_SYNC_POLL_MS');
  if (heartbeatMs) tuning.heartbeatMs = heartbeatMs;
  if (staleMs) tuning.staleMs = staleMs;
  if (leaseTtlMs) tuning.leaseTtlMs = leaseTtlMs;
  if (pollIntervalMs) tuning.pollIntervalMs = pollIntervalMs;
  return tuning;
}
