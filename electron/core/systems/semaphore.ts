import { AbortedError } from './errors';

interface Waiter {
  grant: () => void;
  fail: (err: Error) => void;
}

/**
 * Bounded concurrency whose queued waiters can be aborted. p-limit cannot drop
 * one queued task when its caller's signal fires, and a cancelled sync must
 * stop waiting at once rather than after the queue drains.
 */
export class Semaphore {
  private active = 0;
  private readonly queue: Waiter[] = [];

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError('concurrency must be at least 1');
  }

  get inUse(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const i = this.queue.indexOf(waiter);
        if (i !== -1) this.queue.splice(i, 1);
        reject(new AbortedError());
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        fail: reject,
      };
      this.queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(): void {
    const next = this.queue.shift();
    // Hand the slot straight to the next waiter so `active` never dips and lets
    // a newcomer jump the queue.
    if (next) next.grant();
    else this.active = Math.max(0, this.active - 1);
  }
}
