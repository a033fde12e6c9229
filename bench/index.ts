/**
 * `npm run bench`: the speed and memory figures, measured in one run. Not a
 * test: it prints what it measured, so the figures can be reported and
 * compared, and exits non-zero only when a run itself breaks.
 */
import { benchCommerce } from './commerce';
import { benchRenderer } from './renderer';
import { benchSandbox } from './sandbox';
import { benchSync } from './sync';

function print(title: string, figures: Record<string, number | string>): void {
  console.log(`\n## ${title}`);
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(width)}  ${value}`);
}

export async function main(args: string[] = []): Promise<number> {
  const only = args.find((a) => !a.startsWith('-'));
  const skipLarge = args.includes('--quick');
  if (!only || only === 'sandbox') print('Sandboxes', await benchSandbox());
  if (!only || only === 'sync') print('Resident sync', await benchSync({ skipLarge }));
  if (!only || only === 'renderer') print('Renderer (Chromium, large)', await benchRenderer());
  if (!only || only === 'commerce') print('Commerce (invoices and payments)', await benchCommerce({ skipLarge }));
  return 0;
}
