// Random inputs shaped like a contract method's zod schema, some valid and
// many just wrong: each field may be missing, of another type, empty, too
// long, accented in either Unicode form, or carry a key the schema refuses.
// Strings named `url` only ever point at loopback, so a fuzz run never
// reaches the network.
import fc from 'fast-check';
import type { z } from 'zod';

export interface Known {
  /** Ids that exist (units, people, buildings, jobs), so valid inputs reach the handlers' real paths. */
  ids: string[];
  /** Loopback URLs: the sandboxes, and a port nobody listens on. */
  urls: string[];
}

const messy = fc.constantFrom('', ' ', 'Élodie', 'E\u0301lodie', 'O’Brien', "O'Brien", 'Zoë', '🏢', 'a'.repeat(300), '../../etc/passwd', '<script>', 'null', '0', 'TSCC 2750', 'America/Toronto', '02:00', '25:99', 'Owners', 'renters', 'Mars/Olympus');

function stringArb(key: string, known: Known): fc.Arbitrary<string> {
  if (/url/i.test(key)) return fc.oneof(fc.constantFrom(...known.urls), fc.constantFrom('not a url', 'ftp://127.0.0.1', 'http://', 'https://127.0.0.1:1/x', ''));
  const ids = known.ids.length ? fc.constantFrom(...known.ids) : fc.string();
  return fc.oneof({ weight: 3, arbitrary: ids }, { weight: 2, arbitrary: messy }, { weight: 2, arbitrary: fc.string({ maxLength: 40 }) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) });
}

/** Any JSON value: what a broken client or a hand-written request sends. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

function wrongType(): fc.Arbitrary<unknown> {
  return fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.string({ maxLength: 10 }), fc.constant([]), fc.constant({}), fc.double({ noNaN: true }));
}

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; entries?: Record<string, string> };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Mostly the right type for `schema`, sometimes another. */
export function arbitraryFor(schema: z.ZodType, known: Known, key = ''): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  let right: fc.Arbitrary<unknown>;
  switch (def.type) {
    case 'optional':
      return fc.oneof(fc.constant(undefined), arbitraryFor(def.innerType!, known, key));
    case 'nullable':
      return fc.oneof(fc.constant(null), arbitraryFor(def.innerType!, known, key));
    case 'object': {
      const shape = def.shape ?? {};
      const fields = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, fc.option(arbitraryFor(v, known, k), { nil: undefined, freq: 4 })]));
      right = fc
        .tuple(fc.record(fields), fc.option(fc.tuple(fc.string({ maxLength: 8 }), anyJson), { freq: 6 }))
        .map(([rec, extra]) => {
          const out: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(rec)) if (v !== undefined) out[k] = v;
          if (extra) out[extra[0]] = extra[1];
          return out;
        });
      break;
    }
    case 'string':
      right = stringArb(key, known);
      break;
    case 'number':
      right = fc.oneof(fc.integer({ min: -5, max: 2_000 }), fc.constantFrom(0, 1, 3650, 3651, 1_000_001, -1, 0.5, 1e21));
      break;
    case 'boolean':
      right = fc.boolean();
      break;
    case 'enum':
      right = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...Object.values(def.entries ?? { x: 'x' })) }, { weight: 1, arbitrary: messy });
      break;
    default:
      right = anyJson;
  }
  return fc.oneof({ weight: 9, arbitrary: right }, { weight: 1, arbitrary: wrongType() });
}
