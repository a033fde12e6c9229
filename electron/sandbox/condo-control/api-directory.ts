// Login, workspaces, groups and units (SYSTEMS.md "Condo Control (target)").
import { z } from 'zod';
import { unauthorized } from '../common/http-error';
import { parseWith } from '../common/http-error';
import { listHeaders, paging } from '../common/query';
import { json } from '../common/reply';
import type { Router } from '../common/router';
import type { CcStore } from './store';
import type { Tokens } from './tokens';
import { unitPutSchema } from './validation';

export const WS = '/api/v1/workspaces/{ws}';
export const TOKEN_ROUTE = '/api/v1/auth/token';

const loginSchema = z.object({ username: z.string(), password: z.string() });

export function addDirectoryApi(
  router: Router,
  store: CcStore,
  tokens: Tokens,
  credentials: { username: string; password: string },
): void {
  const { directory } = store;

  router.add('POST', TOKEN_ROUTE, 'api', async (ctx) => {
    const body = parseWith(loginSchema, await ctx.json());
    if (body.username !== credentials.username || body.password !== credentials.password) {
      throw unauthorized('The username or password is not correct.');
    }
    return json(200, tokens.issue());
  });

  router.add('GET', '/api/v1/workspaces', 'api', (ctx) => {
    const page = directory.workspaces(paging(ctx.query));
    return json(200, page.items, listHeaders(page.total));
  });

  router.add('GET', `${WS}/groups`, 'api', (ctx) => {
    directory.workspace(ctx.param('ws'));
    const page = directory.groups(paging(ctx.query));
    return json(200, page.items, listHeaders(page.total));
  });

  router.add('GET', `${WS}/units`, 'api', (ctx) => {
    const ws = directory.workspace(ctx.param('ws')).id;
    const page = directory.units(ws, paging(ctx.query));
    return json(200, page.items, listHeaders(page.total));
  });

  router.add('GET', `${WS}/units/{id}`, 'api', (ctx) => json(200, directory.unit(directory.workspace(ctx.param('ws')).id, ctx.param('id'))));

  router.add('PUT', `${WS}/units/{id}`, 'api', async (ctx) => {
    const ws = directory.workspace(ctx.param('ws')).id;
    directory.unit(ws, ctx.param('id'));
    const patch = parseWith(unitPutSchema, await ctx.json());
    return json(200, directory.updateUnit(ws, ctx.param('id'), patch));
  });
}
