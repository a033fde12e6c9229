import type { EventName, Events } from '@shared/contract';

export type AnyListener = <E extends EventName>(name: E, payload: Events[E]) => void;

/** Typed push channel from the core to every adapter (IPC, SSE, tests). */
export class EventBus {
  private readonly listeners = new Set<AnyListener>();

  emit<E extends EventName>(name: E, payload: Events[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch {
        // A broken subscriber (a closed window, a dropped SSE client) must not
        // stop the others or the sync that emitted the event.
      }
    }
  }

  subscribe(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
