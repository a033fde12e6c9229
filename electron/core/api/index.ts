import type { Handlers } from '@shared/contract';
import type { CoreContext } from '../context';
import { appHandlers } from './app';
import { dataQualityHandlers } from './data-quality';
import { diagnosticsHandlers } from './diagnostics';
import { notImplemented } from './dispatch';
import { officeHandlers } from './office';
import { settingsHandlers } from './settings';
import { unitHandlers } from './units';

/**
 * Every domain contributes its handlers; the `Handlers` type makes a missing
 * method a compile error, and a method not built yet says so with a typed
 * `not_implemented` error instead of placeholder data.
 */
export function createHandlers(ctx: CoreContext, overrides: Pick<Handlers, 'schedule.get' | 'schedule.set' | 'connections.test'> & Partial<Handlers>): Handlers {
  return {
    ...appHandlers(ctx),
    ...unitHandlers(ctx),
    ...settingsHandlers(ctx),
    'residents.get': notImplemented('residents.get'),
    'sync.start': notImplemented('sync.start'),
    'sync.pause': notImplemented('sync.pause'),
    'sync.resume': notImplemented('sync.resume'),
    'desktop.get': notImplemented('desktop.get'),
    'desktop.set': notImplemented('desktop.set'),
    'desktop.openFolder': notImplemented('desktop.openFolder'),
    'desktop.restartToUpdate': notImplemented('desktop.restartToUpdate'),
    ...officeHandlers(),
    'jobs.list': notImplemented('jobs.list'),
    'jobs.get': notImplemented('jobs.get'),
    'jobs.cancel': notImplemented('jobs.cancel'),
    'jobs.confirm': notImplemented('jobs.confirm'),
    'jobs.retry': notImplemented('jobs.retry'),
    'balances.get': notImplemented('balances.get'),
    'balances.check': notImplemented('balances.check'),
    'commerce.status': notImplemented('commerce.status'),
    'groups.list': notImplemented('groups.list'),
    'export.csv': notImplemented('export.csv'),
    'session.get': notImplemented('session.get'),
    'keys.list': notImplemented('keys.list'),
    'keys.create': notImplemented('keys.create'),
    'keys.revoke': notImplemented('keys.revoke'),
    'audit.list': notImplemented('audit.list'),
    'audit.export': notImplemented('audit.export'),
    ...dataQualityHandlers(ctx),
    ...diagnosticsHandlers(ctx),
    ...overrides,
  };
}
