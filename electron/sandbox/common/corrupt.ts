// Body faults beyond a cut-short answer: valid JSON that is wrong. A proxy, a
// vendor bug or a half-migrated record sends these; a client must turn each
// into a typed error (a whole body) or a per-record failure (one record),
// never a crash. The dice are the fault dice, so a seeded run repeats.

/** Whole-body replacements: valid JSON of the wrong shape. */
const WRONG_BODIES: unknown[] = [null, {}, [], 'ok', 42, true, { items: [] }, [1, 'two', null], { data: null, error: 'oops' }];

export function wrongBody(original: unknown, random: () => number): unknown {
  // An empty array is a right shape for a list: pick again so the body is wrong.
  const choices = WRONG_BODIES.filter((b) => !(Array.isArray(original) && Array.isArray(b) && b.length === 0));
  return choices[Math.floor(random() * choices.length)];
}

/** A value of another JSON type than `v`. */
function wrongType(v: unknown, random: () => number): unknown {
  if (typeof v === 'string') return random() < 0.5 ? 12345 : null;
  if (typeof v === 'number') return random() < 0.5 ? String(v) : -0.5;
  if (typeof v === 'boolean') return 'yes';
  if (Array.isArray(v)) return random() < 0.5 ? 'not a list' : [{}];
  if (v === null) return { unexpected: true };
  return [v];
}

/** One record spoiled one way: a field gone, a field mistyped, or the record itself not an object. */
export function corruptRecord(record: unknown, random: () => number): unknown {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return wrongType(record, random);
  const keys = Object.keys(record);
  const roll = random();
  if (roll < 0.1 || keys.length === 0) return [null, 'record', 7][Math.floor(random() * 3)];
  const key = keys[Math.floor(random() * keys.length)]!;
  const copy: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  if (roll < 0.5) delete copy[key];
  else copy[key] = wrongType(copy[key], random);
  return copy;
}

/**
 * Spoils records of a JSON body at `rate` each: the elements of a list, or of
 * a list inside an object (the change feed's `events`), or a single object
 * answer itself. Returns how many were spoiled.
 */
export function corruptRecords(body: unknown, rate: number, random: () => number): { body: unknown; corrupted: number } {
  let corrupted = 0;
  const spoil = (rows: unknown[]) =>
    rows.map((row) => {
      if (random() >= rate) return row;
      corrupted++;
      return corruptRecord(row, random);
    });
  if (Array.isArray(body)) return { body: spoil(body), corrupted };
  if (typeof body === 'object' && body !== null) {
    const lists = Object.entries(body).filter(([, v]) => Array.isArray(v) && v.length > 0);
    if (lists.length) {
      const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
      for (const [k, v] of lists) out[k] = spoil(v as unknown[]);
      return { body: out, corrupted };
    }
    if (random() < rate) return { body: corruptRecord(body, random), corrupted: 1 };
  }
  return { body, corrupted };
}
