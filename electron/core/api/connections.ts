import type { Handlers } from '@shared/contract';
import type { ConnectionTestResult } from '@shared/types';
import type { CoreContext } from '../context';
import { forPeople } from '../jobs/error-text';
import { createSystems } from '../systems';
import type { Systems } from '../sync/types';

/**
 * "Test connection": one call to each system with the saved connection (which
 * may not be in use until a restart), or with the running one in sandbox mode.
 */
export function connectionHandlers(ctx: CoreContext, running: () => Systems | undefined): Pick<Handlers, 'connections.test'> {
  return {
    'connections.test': async (input) => {
      const target = input?.target ?? 'both';
      const saved = ctx.secrets.get();
      const temp = saved ? createSystems({ condoManager: saved.condoManager, condoControl: saved.condoControl, policy: { timeoutMs: 10_000, log: ctx.log } }) : undefined;
      const sys = temp ? { cm: temp.condoManager, cc: temp.condoControl } : running();
      const result: ConnectionTestResult = {
        condoManager: { ok: false, message: 'Not tested.' },
        condoControl: { ok: false, message: 'Not tested.' },
      };
      try {
        if (!sys) {
          const none = { ok: false, message: 'No connection is configured.' };
          return { condoManager: none, condoControl: none };
        }
        const checks: Promise<void>[] = [];
        if (target !== 'condoControl') {
          checks.push(
            sys.cm.listCorporations().then(
              (r) => void (result.condoManager = { ok: true, message: `Connected: ${r.items.length} corporation${r.items.length === 1 ? '' : 's'}.`, corporations: r.items.length }),
              (err) => void (result.condoManager = { ok: false, message: forPeople(err).replace(/ Nothing was lost.*$/, '') }),
            ),
          );
        }
        if (target !== 'condoManager') {
          checks.push(
            sys.cc.ping().then(
              (r) => void (result.condoControl = { ok: true, message: `Connected: ${r.workspaces} building${r.workspaces === 1 ? '' : 's'}.`, workspaces: r.workspaces }),
              (err) => void (result.condoControl = { ok: false, message: forPeople(err).replace(/ Nothing was lost.*$/, '') }),
            ),
          );
        }
        await Promise.all(checks);
        return result;
      } finally {
        temp?.close();
      }
    },
  };
}
