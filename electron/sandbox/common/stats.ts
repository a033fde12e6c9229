// Request and status counts since the last reset, keyed by route pattern
// ("GET /v1/corporations/{corp}/owners"), as /_sandbox/stats serves them.

export interface StatsSnapshot {
  requests: Record<string, number>;
  statuses: Record<string, number>;
  /** How many requests each fault hit (beyond SYSTEMS.md; handy when tuning). */
  faults: Record<string, number>;
}

export class Stats {
  private requests = new Map<string, number>();
  private statuses = new Map<string, number>();
  private faults = new Map<string, number>();

  request(key: string): void {
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  status(code: number): void {
    const key = String(code);
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
  }

  fault(kind: string): void {
    this.faults.set(kind, (this.faults.get(kind) ?? 0) + 1);
  }

  reset(): void {
    this.requests.clear();
    this.statuses.clear();
    this.faults.clear();
  }

  snapshot(): StatsSnapshot {
    return {
      requests: Object.fromEntries(this.requests),
      statuses: Object.fromEntries(this.statuses),
      faults: Object.fromEntries(this.faults),
    };
  }
}
