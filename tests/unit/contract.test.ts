import { describe, expect, expectTypeOf, it } from 'vitest';
import { eventNames, inputs, methodNames, type Handlers, type MethodOutput } from '@shared/contract';
import type { AppInfo, BalanceCheckAnswer, Job } from '@shared/types';
import { createHandlers } from '../../electron/core/api';
import type { CoreContext } from '../../electron/core/context';

describe('the contract', () => {
  it('has the methods the console is built on, each with an input schema', () => {
    expect(methodNames.sort()).toEqual(
      [
        'app.info',
        'units.list',
        'units.get',
        'units.counts',
        'corporations.list',
        'corporations.setGroups',
        'residents.get',
        'sync.start',
        'sync.pause',
        'sync.resume',
        'desktop.get',
        'desktop.set',
        'desktop.openFolder',
        'desktop.restartToUpdate',
        'office.get',
        'office.test',
        'office.connect',
        'office.disconnect',
        'jobs.list',
        'jobs.get',
        'jobs.cancel',
        'jobs.confirm',
        'jobs.retry',
        'balances.get',
        'balances.check',
        'commerce.status',
        'settings.get',
        'settings.set',
        'schedule.get',
        'schedule.set',
        'connections.test',
        'groups.list',
        'export.csv',
        'reports.dataQuality',
        'diagnostics.export',
        'session.get',
        'keys.list',
        'keys.create',
        'keys.revoke',
        'audit.list',
        'audit.export',
      ].sort(),
    );
    for (const name of methodNames) expect(typeof inputs[name].safeParse).toBe('function');
    expect(eventNames).toContain('job.updated');
    expect(eventNames).toContain('commerce.status');
  });

  it('types results from the map', () => {
    expectTypeOf<MethodOutput<'app.info'>>().toEqualTypeOf<AppInfo>();
    expectTypeOf<MethodOutput<'sync.start'>>().toEqualTypeOf<Job>();
    expectTypeOf<MethodOutput<'balances.check'>>().toEqualTypeOf<BalanceCheckAnswer>();
    expectTypeOf<Handlers['units.get']>().parameter(0).toEqualTypeOf<{ id: string }>();
  });

  it('has a handler for every method', () => {
    const ctx = { db: { prepare: () => ({}) }, settings: {}, secrets: {}, info: {} } as unknown as CoreContext;
    const handlers = createHandlers(ctx, { 'schedule.get': async () => ({}) as never, 'schedule.set': async () => ({}) as never, 'connections.test': async () => ({}) as never });
    expect(Object.keys(handlers).sort()).toEqual([...methodNames].sort());
  });

  it('an access key name is one line: accents, apostrophes and emoji yes, line breaks and tabs no', () => {
    for (const name of ['Hélène D’Aoust', "O'Brien (support)", '🏢 Lobby', 'Ame\u0301lie'])
      expect(inputs['keys.create'].safeParse({ name, role: 'support' }).success).toBe(true);
    for (const name of ['Réception\nsoir', 'tab\tname', 'bell\u0007'])
      expect(inputs['keys.create'].safeParse({ name, role: 'support' }).error?.issues[0]?.message).toBe('must be on one line, without tabs');
  });

  it('validates inputs: a time zone, a 24-hour time and exactly one balance target', () => {
    expect(inputs['schedule.set'].safeParse({ timeZone: 'America/Toronto', time: '02:00' }).success).toBe(true);
    expect(inputs['schedule.set'].safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(inputs['schedule.set'].safeParse({ time: '25:00' }).success).toBe(false);
    expect(inputs['balances.get'].safeParse({ unitId: 'u1', personId: 'p1' }).success).toBe(false);
    expect(inputs['balances.get'].safeParse({}).success).toBe(false);
    expect(inputs['balances.get'].safeParse({ unitId: 'u1', refresh: true }).success).toBe(true);
    // The balance check: start queues its job; without it, only the last result.
    expect(inputs['balances.check'].safeParse({ start: true }).success).toBe(true);
    expect(inputs['balances.check'].safeParse(undefined).success).toBe(true);
    expect(inputs['balances.check'].safeParse({ start: 'yes' }).success).toBe(false);
    expect(inputs['balances.check'].safeParse({ start: true, extra: 1 }).success).toBe(false);
    expect(inputs['sync.start'].safeParse({ kind: 'balance-check' }).success).toBe(true);
  });
});
