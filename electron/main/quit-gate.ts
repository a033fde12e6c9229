/**
 * "Quit" really quits, after the running sync reaches a safe checkpoint:
 * the core's stop() aborts the job, which stops at its next checkpoint and
 * resumes from there on the next start. When that takes more than a moment,
 * `onWaiting` tells the person why Condo Sync has not closed yet; after
 * `limitMs` the app quits anyway (the job then resumes from its last saved
 * checkpoint, as after a crash).
 */
export async function stopWithin(stop: () => Promise<void>, o: { limitMs: number; waitingAfterMs: number; onWaiting: () => void }): Promise<'stopped' | 'timed-out'> {
  let waitingTimer: ReturnType<typeof setTimeout> | undefined;
  let limitTimer: ReturnType<typeof setTimeout> | undefined;
  try {
    waitingTimer = setTimeout(o.onWaiting, o.waitingAfterMs);
    const limit = new Promise<'timed-out'>((resolve) => {
      limitTimer = setTimeout(() => resolve('timed-out'), o.limitMs);
    });
    return await Promise.race([stop().then(() => 'stopped' as const), limit]);
  } finally {
    clearTimeout(waitingTimer);
    clearTimeout(limitTimer);
  }
}
