/** A small hash router: works the same from file:// (Electron) and http:// (browser). */
import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'home' }
  | { page: 'units' }
  | { page: 'unit'; id: string }
  | { page: 'resident'; id: string }
  | { page: 'queue' }
  | { page: 'job'; id: string }
  | { page: 'balances'; unitId?: string }
  | { page: 'settings' }
  | { page: 'access' }
  | { page: 'report' }
  | { page: 'help' }
  | { page: 'not-found' };

export type Section = 'home' | 'units' | 'queue' | 'balances' | 'settings';

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const params = new URLSearchParams(query);
  const [first, second] = parts;
  if (!first || first === 'home') return { page: 'home' };
  if (first === 'units') return second ? { page: 'unit', id: second } : { page: 'units' };
  if (first === 'residents' && second) return { page: 'resident', id: second };
  if (first === 'queue') return second ? { page: 'job', id: second } : { page: 'queue' };
  if (first === 'balances') {
    const unitId = params.get('unit');
    return unitId ? { page: 'balances', unitId } : { page: 'balances' };
  }
  if (first === 'settings') return second === 'access' ? { page: 'access' } : { page: 'settings' };
  if (first === 'report') return { page: 'report' };
  if (first === 'help') return { page: 'help' };
  return { page: 'not-found' };
}

/** Which left-navigation entry a route belongs to. */
export function sectionOf(route: Route): Section | undefined {
  switch (route.page) {
    case 'home':
      return 'home';
    case 'units':
    case 'unit':
    case 'resident':
    case 'report':
      return 'units';
    case 'queue':
    case 'job':
      return 'queue';
    case 'balances':
      return 'balances';
    case 'settings':
    case 'access':
      return 'settings';
    default:
      return undefined;
  }
}

const enc = encodeURIComponent;
export const href = {
  home: '#/',
  units: '#/units',
  unit: (id: string) => `#/units/${enc(id)}`,
  resident: (id: string) => `#/residents/${enc(id)}`,
  queue: '#/queue',
  job: (id: string) => `#/queue/${enc(id)}`,
  balances: (unitId?: string) => (unitId ? `#/balances?unit=${enc(unitId)}` : '#/balances'),
  settings: '#/settings',
  access: '#/settings/access',
  report: '#/report',
  help: '#/help',
};

export function navigate(to: string): void {
  if (window.location.hash !== to) window.location.hash = to;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

export function useRoute(): Route {
  return parseRoute(useHash());
}
