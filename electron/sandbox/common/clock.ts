// updatedAt for writes: ISO-8601 UTC with milliseconds, strictly increasing
// per store. Two writes in the same millisecond still get distinct times, so
// a (updatedAt, id) watermark orders writes the way they happened.

export class MonotonicClock {
  private last: number;

  constructor(latestStored: string | null | undefined) {
    this.last = latestStored ? Date.parse(latestStored) : 0;
  }

  next(): string {
    this.last = Math.max(Date.now(), this.last + 1);
    return new Date(this.last).toISOString();
  }
}
