// Renderer benchmark (issue 10 §2): the console in Debian's Chromium against
// the host with the `large` sandbox (50 buildings), every figure measured in
// the page with performance.now():
//
// - cold load: from navigation start to the Unit File's first row, a fresh tab each time;
// - navigation: from a click on "Unit File" (from Home) to its rows shown and the search focused;
// - keystroke shown: from a key's keydown to the next frame after the typed character is in the field;
// - search answered: from the last keystroke to the table showing the answer.
//
//   node bin/run-ts.mjs bench/index.ts renderer   prints a table
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { freePort } from '../tests/helpers/free-port';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '..');
// BENCH_UI_BASE + BENCH_UI_TOKEN measure an already-running host (with `large`) instead of starting one.
const TOKEN = process.env.BENCH_UI_TOKEN ?? 'bench-token';

async function call<T>(base: string, method: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(input) });
  const body = (await res.json()) as { ok: boolean; result: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.result;
}

/** The host on `large`, with its first sync finished (the Unit File then holds every unit). */
export async function startLargeHost(): Promise<{ base: string; stop(): void }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'condo-sync-bench-ui-'));
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'condo-sync.mjs'), 'serve', '--port', String(port), '--token', TOKEN, '--data-dir', dir, '--sandbox-size', 'large'], { stdio: 'ignore' });
  const stop = () => {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    if (Date.now() > deadline) {
      stop();
      throw new Error('the large host did not finish its first sync in 15 minutes');
    }
    try {
      // The resident sync fills the Unit File; invoice history (commerce) may still be arriving, as on a real first day.
      const jobs = await call<{ items: { kind: string; status: string }[] }>(base, 'jobs.list', { limit: 20 });
      if (jobs.items.some((j) => j.kind === 'residents' && !['queued', 'running'].includes(j.status))) return { base, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const max = (xs: number[]) => Math.max(...xs);
const ms = (n: number) => `${Math.round(n)} ms`;

/**
 * The host answers one query at a time, and the status counts (asked once the
 * rows have answered) take seconds on `large`: each measure waits for them to
 * finish, so one measure never waits behind the last one's counts.
 */
async function countsLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('main .segment-count').length >= 4, undefined, { timeout: 60_000 }).catch(() => undefined);
}

async function coldLoad(page: Page, base: string): Promise<number> {
  await page.goto(`${base}/?token=${TOKEN}#/units`);
  await page.waitForSelector('main tbody tr');
  const at = await page.evaluate(() => performance.now());
  await countsLoaded(page);
  return at;
}

// In-page code is passed as text: tsx would wrap named functions in a helper the page does not have.
const NAVIGATE = `new Promise((done) => {
  const t0 = performance.now();
  const check = () => {
    const ready = document.querySelector('main tbody tr') && document.activeElement && document.activeElement.matches('main input[type="search"]');
    if (ready) done(performance.now() - t0);
    else requestAnimationFrame(check);
  };
  document.querySelector('nav a[href="#/units"]').click();
  requestAnimationFrame(check);
})`;

const WATCH_KEYS = `(() => {
  window.__keys = [];
  window.__answered = 0;
  const input = document.querySelector('main input[type="search"]');
  input.addEventListener('keydown', (e) => {
    const t0 = e.timeStamp;
    window.__lastKey = t0;
    const before = input.value.length;
    const wait = () => (input.value.length !== before ? requestAnimationFrame(() => setTimeout(() => window.__keys.push(performance.now() - t0))) : requestAnimationFrame(wait));
    requestAnimationFrame(wait);
  });
  new MutationObserver(() => (window.__answered = performance.now())).observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
})()`;

async function navigation(page: Page): Promise<number> {
  await page.evaluate(() => (window.location.hash = '#/'));
  await page.waitForSelector('main .card');
  return page.evaluate<number>(NAVIGATE);
}

/** Types `text` key by key; per key, keydown → the frame after the character shows; then until the rows answer. */
async function typing(page: Page, text: string): Promise<{ shown: number[]; answered: number }> {
  await page.evaluate(WATCH_KEYS);
  await page.focus('main input[type="search"]');
  for (const ch of text) await page.keyboard.type(ch, { delay: 120 });
  // The answer: the first row names the unit typed, and the list stops changing.
  // (Polled from here: the console's CSP forbids the string evaluation waitForFunction would need.)
  for (const until = Date.now() + 20_000; ; ) {
    if (await page.evaluate<boolean>(`(document.querySelector('main tbody tr th')?.textContent ?? '').includes(${JSON.stringify(text)})`)) break;
    if (Date.now() > until) throw new Error(`the search for ${text} did not answer: ${await page.evaluate<string>("document.querySelector('main input[type=search]')?.value + ' / ' + (document.querySelector('main tbody tr th')?.textContent ?? 'no rows')")}`);
    await page.waitForTimeout(25);
  }
  await page.waitForTimeout(600);
  return page.evaluate<{ shown: number[]; answered: number }>('({ shown: window.__keys, answered: window.__answered - window.__lastKey })');
}

export async function benchRenderer(): Promise<Record<string, number | string>> {
  const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  const started = Date.now();
  const host = process.env.BENCH_UI_BASE ? { base: process.env.BENCH_UI_BASE, stop: () => undefined } : await startLargeHost();
  const ready = Date.now() - started;
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  try {
    const cold: number[] = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
      cold.push(await coldLoad(await context.newPage(), host.base));
      await context.close();
    }
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
    const page = await context.newPage();
    await coldLoad(page, host.base);
    // Typing first, on a quiet host: visits to Home below each ask for the attention list (slow on `large`).
    const typed = await typing(page, '1203');
    await page.getByRole('searchbox').first().fill('');
    const nav: number[] = [];
    for (let i = 0; i < 5; i++) nav.push(await navigation(page));
    await context.close();
    return {
      'host ready (large, first sync done)': `${Math.round(ready / 1000)} s`,
      'Unit File cold load (median of 3, target < 1 s)': ms(median(cold)),
      // The first of the three: the host's first page since it started (its statements not yet prepared, its caches cold).
      'Unit File first load after host start': ms(cold[0]!),
      'Unit File after navigation (median of 5, target < 300 ms)': ms(median(nav)),
      'Unit File after navigation (worst of 5)': ms(max(nav)),
      'search keystroke shown (median, target < 100 ms)': ms(median(typed.shown)),
      'search keystroke shown (worst)': ms(max(typed.shown)),
      'search answered after the last key (200 ms pause included)': ms(typed.answered),
    };
  } finally {
    await browser.close();
    host.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchRenderer().then(
    (f) => console.log(f),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
