/**
 * Notices that the machine slept: the wall clock moved much further than the
 * timer interval. Electron has powerMonitor's 'resume'; the host has this.
 */
export function watchClockJumps(onJump: () => void, opts: { intervalMs?: number; toleranceMs?: number; now?: () => number } = {}): () => void {
  const interval = opts.intervalMs ?? 30_000;
  const tolerance = opts.toleranceMs ?? 60_000;
  const now = opts.now ?? Date.now;
  let last = now();
  const timer = setInterval(() => {
    const t = now();
    if (t - last > interval + tolerance) onJump();
    last = t;
  }, interval);
  timer.unref?.();
  return () => clearInterval(timer);
}
