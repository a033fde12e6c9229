import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const TOKEN = 'e2e-token';
const ROOT = join(import.meta.dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/**
 * Calls one method of the host's HTTP contract, as the console does.
 * @returns its result.
 * @throws Error naming the method and the typed error when it answers not ok.
 */
export async function api<T>(request: APIRequestContext, method: string, input: unknown = {}, key = TOKEN): Promise<T> {
  const res = await request.post(`/api/${method}`, { headers: { authorization: `Bearer ${key}` }, data: input });
  const body = (await res.json()) as { ok: boolean; result: T; error?: unknown };
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}

/** Waits for every queued or running sync to finish (the first sync runs on a fresh data dir). */
export async function idle(request: APIRequestContext, timeout = 60_000): Promise<void> {
  await expect
    .poll(async () => (await api<{ items: { status: string }[] }>(request, 'jobs.list', { limit: 20 })).items.filter((j) => j.status === 'queued' || j.status === 'running').length, {
      timeout,
    })
    .toBe(0);
}

/** Opens the console the way a person does: the printed link with its token, at a page of the hash router. */
export async function open(page: Page, hash = '#/'): Promise<void> {
  await page.goto(`/?token=${TOKEN}${hash}`);
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
}

/** The first sync fills the Unit File on a fresh data dir; wait for its rows (or the empty state). */
export async function waitForUnitFile(page: Page): Promise<void> {
  await expect(page.locator('main table tbody tr, main .empty-state').first()).toBeVisible({ timeout: 45_000 });
}

/** Waits until the page has answered: nothing says "Loading…" and the page stopped changing for a moment. */
export async function settle(page: Page): Promise<void> {
  await expect(page.getByRole('main').getByText(/Loading|Chargement/)).toHaveCount(0, { timeout: 20_000 });
  await page.waitForTimeout(400);
}

/** Serious and critical axe violations, summarised so a failure says what and where. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  // Relative times and the caret would otherwise differ from shot to shot.
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  return path;
}

export function copyToDocs(path: string, name: string): void {
  const target = join(ROOT, 'docs', name);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(path, target);
}
