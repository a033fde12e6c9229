import type { EventName, Events } from '@shared/contract';

/**
 * Where an event came from. `relayed`: another engine emitted it and the
 * shared database's fan-out (cluster/event-fanout.ts) re-emitted it here for
 * this engine's consoles. What an event *causes* (a job's follow-ups, history
 * pruning) happens on the engine that emitted it, so such subscribers skip
 * relayed events; consoles want them all.
 */
export interface EventMeta {
  relayed?: boolean;
}

export type AnyListener = <E extends EventName>(name: E, payload: Events[E], meta: EventMeta) => void;

const LOCAL: EventMeta = Object.freeze({});

/** Typed push channel from the core to every adapter (IPC, SSE, tests). */
export class EventBus {
  private readonly listeners = new Set<AnyListener>();

  emit<E extends EventName>(name: E, payload: Events[E], meta: EventMeta = LOCAL): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload, meta);
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
