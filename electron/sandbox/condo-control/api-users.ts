// Users: find, create (with Idempotency-Key), update, deactivate, groups and
// related units.
import { createHash } from 'node:crypto';
import { badRequest, parseWith } from '../common/http-error';
import { listHeaders, paging } from '../common/query';
import { json } from '../common/reply';
import type { Router } from '../common/router';
import { WS } from './api-directory';
import type { Refusals } from './refusals';
import type { CcStore } from './store';
import { groupsSchema, userCreateSchema, userPatchSchema } from './validation';

/** JSON with sorted keys, so the same body hashes the same whatever its key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function addUsersApi(router: Router, store: CcStore, refusals?: Refusals): void {
  const { directory, users } = store;
  const U = `${WS}/users`;

  router.add('GET', U, 'api', (ctx) => {
    const ws = directory.workspace(ctx.param('ws')).id;
    const filter = { externalId: ctx.query.get('externalId') ?? undefined, email: ctx.query.get('email') ?? undefined };
    const page = users.list(ws, filter, paging(ctx.query));
    return json(200, page.items, listHeaders(page.total));
  });

  router.add('POST', U, 'api', async (ctx) => {
    const ws = directory.workspace(ctx.param('ws')).id;
    const header = ctx.req.headers['idempotency-key'];
    if (header !== undefined && (typeof header !== 'string' || header.length === 0 || header.length > 255)) {
      throw badRequest('Idempotency-Key must be 1 to 255 characters.', [{ key: 'Idempotency-Key', value: 'invalid' }]);
    }
    const body = await ctx.json();
    refusals?.check(body);
    const input = parseWith(userCreateSchema, body);
    const idem = header ? { key: header, hash: createHash('sha256').update(stableJson(body)).digest('hex') } : undefined;
    const { user, status, replayed } = users.create(ws, input, idem);
    return json(status, user, replayed ? { 'idempotent-replayed': 'true' } : undefined);
  });

  router.add('GET', `${U}/{id}`, 'api', (ctx) => json(200, users.get(directory.workspace(ctx.param('ws')).id, ctx.param('id'))));

  router.add('PATCH', `${U}/{id}`, 'api', async (ctx) => {
    const ws = directory.workspace(ctx.param('ws')).id;
    users.get(ws, ctx.param('id'));
    const body = await ctx.json();
    refusals?.check(body);
    const patch = parseWith(userPatchSchema, body);
    return json(200, users.update(ws, ctx.param('id'), patch));
  });

  router.add('POST', `${U}/{id}/deactivate`, 'api', (ctx) => {
    const ws = directory.workspace(ctx.param('ws')).id;
    return json(200, users.update(ws, ctx.param('id'), { active: false }));
  });

  router.add('PUT', `${U}/{id}/groups`, 'api', async (ctx) => {
    const ws = directory.workspace(ctx.param('ws')).id;
    users.get(ws, ctx.param('id'));
    const { groupIds } = parseWith(groupsSchema, await ctx.json());
    return json(200, users.update(ws, ctx.param('id'), { groupIds }));
  });

  // Relating and unrelating are idempotent: repeating either is a no-op.
  router.add('PUT', `${U}/{id}/units/{unitId}`, 'api', (ctx) => {
    const ws = directory.workspace(ctx.param('ws')).id;
    const unitId = directory.unit(ws, ctx.param('unitId')).id;
    return json(200, users.update(ws, ctx.param('id'), (u) => ({ unitIds: [...u.unitIds, unitId] })));
  });

  router.add('DELETE', `${U}/{id}/units/{unitId}`, 'api', (ctx) => {
    const ws = directory.workspace(ctx.param('ws')).id;
    const unitId = directory.unit(ws, ctx.param('unitId')).id;
    return json(200, users.update(ws, ctx.param('id'), (u) => ({ unitIds: u.unitIds.filter((x) => x !== unitId) })));
  });
}
