import type { Handlers } from '@shared/contract';
import { AppError } from '@shared/errors';
import type { Settings } from '@shared/types';
import type { CoreContext } from '../context';
import { defaultGroups, retentionOf } from '../settings';

type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.set'>;

export function settingsHandlers(ctx: CoreContext): SettingsHandlers {
  const read = (): Settings => {
    const secrets = ctx.secrets.get();
    const groups = { ...defaultGroups, ...(ctx.settings.get('groups') as object | undefined) };
    const retention = retentionOf(ctx.settings);
    return {
      groups,
      retention,
      ...(secrets
        ? {
            connections: {
              condoManager: { url: secrets.condoManager.url, clientId: secrets.condoManager.clientId, hasSecret: true },
              condoControl: { url: secrets.condoControl.url, username: secrets.condoControl.username, hasSecret: true },
            },
          }
        : {}),
    };
  };

  return {
    'settings.get': async () => read(),
    'settings.set': async (input) => {
      if (input.groups) ctx.settings.set('groups', input.groups);
      // Merged: a console that sends only the sync history's days keeps the audit log's.
      if (input.retention) ctx.settings.set('retention', { ...retentionOf(ctx.settings), ...input.retention });
      let restartRequired = false;
      if (input.connections === null) {
        ctx.secrets.set(null);
        restartRequired = ctx.info.mode === 'live';
      } else if (input.connections) {
        const current = ctx.secrets.get();
        const cm = input.connections.condoManager;
        const cc = input.connections.condoControl;
        // A secret left blank keeps the stored one, so the UI never has to show it.
        const clientSecret = cm.clientSecret ?? current?.condoManager.clientSecret;
        const password = cc.password ?? current?.condoControl.password;
        if (!clientSecret || !password) {
          throw new AppError('invalid_input', 'Enter the Condo Manager client secret and the Condo Control password.', {
            fields: [
              ...(!clientSecret ? [{ field: 'connections.condoManager.clientSecret', message: 'is required' }] : []),
              ...(!password ? [{ field: 'connections.condoControl.password', message: 'is required' }] : []),
            ],
          });
        }
        ctx.secrets.set({
          condoManager: { url: cm.url.replace(/\/+$/, ''), clientId: cm.clientId, clientSecret },
          condoControl: { url: cc.url.replace(/\/+$/, ''), username: cc.username, password },
        });
        restartRequired = true;
      }
      ctx.log.info('settings changed', { keys: Object.keys(input) });
      return { ...read(), ...(restartRequired ? { restartRequired } : {}) };
    },
  };
}
