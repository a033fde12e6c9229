// The fault matrix's one verdict, shared by every case: after the next clean
// run, does Condo Control equal Condo Manager (residents, and every account's
// invoices, payments and balance), with nothing twice and nothing missing?
// Each case records its row on the test (task.meta.matrix); the reporter in
// matrix-reporter.ts prints the table at the end of the run.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { World } from '../helpers/world';
import { convergence } from '../sync/helpers';

export interface MatrixRow {
  case: string;
  /** Runs made under the fault, kills and restarts included, plus the clean runs after. */
  runs: number;
  converged: boolean;
  duplicates: number;
  lost: number;
  /** How the fault was made, when it matters (e.g. tmpfs or max_page_count). */
  note?: string;
}

declare module 'vitest' {
  interface TaskMeta {
    matrix?: MatrixRow;
  }
}

/** What a convergence check needs; a World has it, and a child-process test builds it. */
export interface Systems {
  /** The sandboxes' folder: condo-manager.sqlite and condo-control.sqlite. */
  sandboxDir: string;
  condoManagerUrl: string;
  condoControlUrl: string;
  /** People the console flagged (an email it may leave out, with a note). */
  flagged: Set<string>;
}

export interface Verdict {
  converged: boolean;
  duplicates: number;
  lost: number;
  problems: string[];
}

export function systemsOf(world: World): Systems {
  const rows = world.core.db!.prepare("SELECT source_id FROM id_map WHERE entity = 'person' AND sync_status = 'attention'").pluck().all() as string[];
  return {
    sandboxDir: join(world.dir, 'sandbox'),
    condoManagerUrl: world.sandboxes.condoManagerUrl,
    condoControlUrl: world.sandboxes.condoControlUrl,
    flagged: new Set(rows),
  };
}

/** Flagged people as the console's own database records them (the console stopped or not). */
export function flaggedIn(consoleDb: string): Set<string> {
  const db = new Database(consoleDb, { readonly: true });
  try {
    return new Set(db.prepare("SELECT source_id FROM id_map WHERE entity = 'person' AND sync_status = 'attention'").pluck().all() as string[]);
  } finally {
    db.close();
  }
}

const CM = { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'demo-secret' };

async function ccToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo', password: 'demo-password' }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Residents: the sync tests' own convergence rule, for every corporation. */
async function residentProblems(s: Systems): Promise<string[]> {
  const token = await ccToken(s.condoControlUrl);
  const corps = (await (await fetch(`${s.condoManagerUrl}/v1/corporations?limit=1000`, { headers: CM })).json()) as { id: string }[];
  const problems = new Set<string>();
  for (const corp of corps) {
    // convergence() reads through a World's sandboxes, corp and Condo Control login; nothing else.
    const view = {
      sandboxes: { condoManagerUrl: s.condoManagerUrl, condoControlUrl: s.condoControlUrl },
      corp: corp.id,
      cc: (path: string) => fetch(`${s.condoControlUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } }),
    } as unknown as World;
    for (const p of await convergence(view, { flagged: s.flagged })) problems.add(p);
  }
  return [...problems];
}

type Line = { type: string; id: string; unit: string; cents: number; status: string };

/** Invoices, payments and balances, straight from both stores (read-only, beside the running servers). */
function ledgerProblems(s: Systems): { problems: string[]; duplicates: number; lost: number } {
  const cm = new Database(join(s.sandboxDir, 'condo-manager.sqlite'), { readonly: true });
  const cc = new Database(join(s.sandboxDir, 'condo-control.sqlite'), { readonly: true });
  try {
    const mapped = new Set(cc.prepare('SELECT external_id FROM units WHERE external_id IS NOT NULL').pluck().all() as string[]);
    const source = (cm
      .prepare(`SELECT 'invoice' AS type, id, unit_id AS unit, total_cents AS cents, status FROM invoices
        UNION ALL SELECT 'payment', id, unit_id, amount_cents, status FROM payments`)
      .all() as Line[]).filter((l) => mapped.has(l.unit));
    const target = cc
      .prepare(`SELECT 'invoice' AS type, i.external_id AS id, u.external_id AS unit, i.total_cents AS cents, i.status FROM invoices i JOIN units u ON u.id = i.unit_id
        UNION ALL SELECT 'payment', p.external_id, u.external_id, p.amount_cents, p.status FROM payments p JOIN units u ON u.id = p.unit_id`)
      .all() as Line[];
    const problems: string[] = [];
    const seen = new Map<string, number>();
    for (const t of target) seen.set(`${t.type}|${t.id}`, (seen.get(`${t.type}|${t.id}`) ?? 0) + 1);
    const duplicates = [...seen.values()].filter((n) => n > 1).reduce((a, n) => a + n - 1, 0);
    if (duplicates) problems.push(`${duplicates} invoice or payment lines are in Condo Control twice`);
    const have = new Map(target.map((t) => [`${t.type}|${t.id}`, t]));
    let lost = 0;
    for (const l of source) {
      const t = have.get(`${l.type}|${l.id}`);
      if (!t || t.unit !== l.unit || t.cents !== l.cents || t.status !== l.status) {
        lost++;
        if (problems.length < 20) problems.push(`${l.type} ${l.id}: ${t ? `Condo Control has ${t.unit} ${t.cents} ${t.status}` : 'missing in Condo Control'}, Condo Manager ${l.unit} ${l.cents} ${l.status}`);
      }
    }
    // Balances by each system's own rule: invoices not Void minus payments Posted.
    const balance = (rows: Line[]) => {
      const out = new Map<string, number>();
      for (const r of rows) {
        const sign = r.type === 'invoice' ? (r.status === 'Void' ? 0 : 1) : r.status === 'Posted' ? -1 : 0;
        out.set(r.unit, (out.get(r.unit) ?? 0) + sign * r.cents);
      }
      return out;
    };
    const want = balance(source);
    const got = balance(target.filter((t) => mapped.has(t.unit)));
    for (const [unit, cents] of want) if ((got.get(unit) ?? 0) !== cents) problems.push(`balance of ${unit}: Condo Control ${got.get(unit) ?? 0} ≠ Condo Manager ${cents}`);
    return { problems, duplicates, lost };
  } finally {
    cm.close();
    cc.close();
  }
}

/** Users carrying one externalId more than once, across every workspace. */
function duplicateUsers(s: Systems): number {
  const cc = new Database(join(s.sandboxDir, 'condo-control.sqlite'), { readonly: true });
  try {
    return (cc.prepare('SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM users WHERE external_id IS NOT NULL GROUP BY external_id HAVING n > 1)').pluck().get() as number) ?? 0;
  } finally {
    cc.close();
  }
}

/** Residents only (before the invoice history is imported). */
export async function residentVerdict(s: Systems): Promise<Verdict> {
  const problems = await residentProblems(s);
  const users = duplicateUsers(s);
  const lost = problems.filter((p) => !p.includes('users carry externalId')).length;
  return { converged: problems.length === 0 && users === 0, duplicates: users, lost, problems };
}

export async function verdict(s: Systems): Promise<Verdict> {
  const residents = await residentProblems(s);
  const ledger = ledgerProblems(s);
  const users = duplicateUsers(s);
  const lostResidents = residents.filter((p) => !p.includes('users carry externalId')).length;
  const problems = [...residents, ...ledger.problems];
  return { converged: problems.length === 0 && users === 0, duplicates: users + ledger.duplicates, lost: lostResidents + ledger.lost, problems };
}

/** Records the case's row on the running test, for the table printed at the end. */
export function record(task: { meta: { matrix?: MatrixRow } }, row: MatrixRow): void {
  task.meta.matrix = row;
}
