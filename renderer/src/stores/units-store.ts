/** The Unit File's list: search, status filter, paging, and the rows of the current page. */
import { create } from 'zustand';
import type { Page, ResidentRef, UnitSummary } from '@shared/types';
import type { MethodInput } from '@shared/contract';
import { bridge } from '../bridge';

export type StatusFilter = 'all' | 'pending' | 'attention' | 'failed' | 'in_sync';

interface UnitsState {
  query: string;
  status: StatusFilter;
  offset: number;
  limit: number;
  page?: Page<UnitSummary>;
  loading: boolean;
  error?: unknown;
  /** Residents seen in any list, so the User section can name someone even before residents.get answers. */
  people: Record<string, ResidentRef & { unitId: string; unitNumber: string }>;
  /** Unit numbers by id, for links that only know an id. */
  unitNumbers: Record<string, string>;
  /** Names of people met outside any list (from residents.get). */
  personNames: Record<string, string>;
  /** Each unit's building (corporation id), keyed by unit id, and by `p:<person id>` for people. */
  buildingOf: Record<string, string>;
  rememberName(id: string, name: string, corporationId?: string): void;
  setQuery(query: string): void;
  setStatus(status: StatusFilter): void;
  setOffset(offset: number): void;
  setLimit(limit: number): void;
  load(corporationId?: string): Promise<void>;
  remember(units: UnitSummary[]): void;
}

let seq = 0;
let inflight: { key: string; mine: number; done: Promise<void> } | undefined;

let settleFirst: () => void = () => {};
/**
 * Settles when the Unit File's first list has answered (or failed). The
 * host answers one query at a time, and the status counts cost far more
 * than a page of rows on a large portfolio: they wait for this on the Unit File.
 */
export const firstListSettled = new Promise<void>((resolve) => (settleFirst = resolve));

export const useUnits = create<UnitsState>()((set, get) => ({
  query: '',
  status: 'all',
  offset: 0,
  limit: 50,
  loading: false,
  people: {},
  unitNumbers: {},
  personNames: {},
  buildingOf: {},
  rememberName: (id, name, corporationId) =>
    set((s) => ({ personNames: { ...s.personNames, [id]: name }, ...(corporationId ? { buildingOf: { ...s.buildingOf, [`p:${id}`]: corporationId } } : {}) })),

  setQuery: (query) => set({ query, offset: 0 }),
  setStatus: (status) => set({ status, offset: 0 }),
  setOffset: (offset) => set({ offset: Math.max(0, offset) }),
  setLimit: (limit) => set({ limit, offset: 0 }),

  async load(corporationId) {
    const { query, status, offset, limit } = get();
    const input = {
      ...(query.trim() ? { query: query.trim() } : {}),
      ...(corporationId ? { corporationId } : {}),
      ...(status !== 'all' ? { status } : {}),
      offset,
      limit,
    };
    // The first list is asked for at start and again by the page's first render: wait for it, don't ask twice.
    // (Later loads always ask: one may follow a change the request in flight has not seen.)
    const key = JSON.stringify(input);
    if (!get().page && inflight?.key === key) return inflight.done;
    const mine = ++seq;
    set({ loading: true });
    const done = fetchList(input, mine).finally(() => {
      if (inflight?.key === key && inflight.mine === mine) inflight = undefined;
      settleFirst();
    });
    inflight = { key, mine, done };
    return done;
  },

  remember(units) {
    const people = { ...get().people };
    const unitNumbers = { ...get().unitNumbers };
    const buildingOf = { ...get().buildingOf };
    for (const u of units) {
      unitNumbers[u.id] = u.number;
      buildingOf[u.id] = u.corporationId;
      for (const r of u.residents) {
        people[r.id] = { ...r, unitId: u.id, unitNumber: u.number };
        buildingOf[`p:${r.id}`] = u.corporationId;
      }
    }
    set({ people, unitNumbers, buildingOf });
  },
}));

/** One list request; a newer one (a later `seq`) wins. */
async function fetchList(input: MethodInput<'units.list'>, mine: number): Promise<void> {
  try {
    const page = await bridge.call('units.list', input);
    if (mine !== seq) return;
    useUnits.getState().remember(page.items);
    useUnits.setState({ page, loading: false, error: undefined });
  } catch (error) {
    if (mine === seq) useUnits.setState({ error, loading: false });
  }
}
