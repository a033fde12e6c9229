// /_sandbox/*: reset, faults, stats. No credentials, never faulted or counted
// (SYSTEMS.md "Sandbox endpoints and faults").
import { z } from 'zod';
import { SIZE_NAMES } from '../portfolio/sizes';
import type { Size } from '../portfolio/types';
import { faultSettingsSchema, type Faults } from './faults';
import { parseWith } from './http-error';
import { json } from './reply';
import type { Router } from './router';
import type { Stats } from './stats';

export interface PortfolioChoice {
  seed: number;
  size: Size;
}

const resetSchema = z
  .object({
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
    size: z.enum(SIZE_NAMES as [Size, ...Size[]]).optional(),
  })
  .strict();

export interface ControlHooks {
  system: 'condo-manager' | 'condo-control';
  faults: Faults;
  stats: Stats;
  current(): PortfolioChoice;
  /** Reload the portfolio; synchronous (one transaction) for determinism. */
  reset(choice: PortfolioChoice): void;
}

export function addControlRoutes(router: Router, hooks: ControlHooks): void {
  router
    .add('POST', '/_sandbox/reset', 'control', async (ctx) => {
      const input = parseWith(resetSchema, (await ctx.json()) ?? {});
      const current = hooks.current();
      const choice = { seed: input.seed ?? current.seed, size: input.size ?? current.size };
      const started = performance.now();
      hooks.reset(choice);
      // A reset starts a clean experiment: no faults, no counts.
      hooks.faults.reset();
      hooks.stats.reset();
      return json(200, { system: hooks.system, ...choice, tookMs: Math.round(performance.now() - started) });
    })
    .add('GET', '/_sandbox/faults', 'control', () => json(200, hooks.faults.get()))
    .add('PUT', '/_sandbox/faults', 'control', async (ctx) => {
      const input = parseWith(faultSettingsSchema, (await ctx.json()) ?? {});
      return json(200, hooks.faults.update(input));
    })
    .add('GET', '/_sandbox/stats', 'control', () => json(200, hooks.stats.snapshot()))
    .add('POST', '/_sandbox/stats/reset', 'control', () => {
      hooks.stats.reset();
      return json(200, hooks.stats.snapshot());
    })
    .add('GET', '/_sandbox/info', 'control', () => json(200, { system: hooks.system, ...hooks.current() }));
}
