import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appSource, denyPermissionCheck, denyPermissionRequest, isAppUrl, isTrustedSender, opensExternally } from '../../electron/main/trust';
// @ts-expect-error a plain .mjs script, no types
import { acceptedChecks, judge } from '../../scripts/electronegativity.mjs';

const INDEX = join('/opt', 'Condo Sync', 'resources', 'app', 'out', 'renderer', 'index.html');
const PAGE = pathToFileURL(INDEX).href;
const file = appSource(INDEX);

const event = (url: string | null, opts: { id?: number; parent?: unknown } = {}) => ({
  sender: { id: opts.id ?? 7 },
  senderFrame: url === null ? null : { url, parent: opts.parent ?? null },
});

describe('the Electron main process trusts only its own page', () => {
  it('knows its page by file path, whatever the hash route', () => {
    expect(isAppUrl(PAGE, file)).toBe(true);
    expect(isAppUrl(`${PAGE}#/units/u1`, file)).toBe(true);
    expect(isAppUrl(pathToFileURL('/tmp/evil/index.html').href, file)).toBe(false);
    expect(isAppUrl('file://attacker-host/share/index.html', file)).toBe(false);
    expect(isAppUrl('https://example.com/', file)).toBe(false);
    expect(isAppUrl('not a url', file)).toBe(false);
  });

  it('in development knows the dev server by origin only', () => {
    const dev = appSource(INDEX, 'http://localhost:5173/');
    expect(isAppUrl('http://localhost:5173/#/settings', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl(PAGE, dev)).toBe(false);
  });

  it('answers IPC only from the console window top frame showing the console page', () => {
    expect(isTrustedSender(event(PAGE), file, 7)).toBe(true);
    expect(isTrustedSender(event(PAGE, { id: 8 }), file, 7)).toBe(false); // another window
    expect(isTrustedSender(event(PAGE, { parent: {} }), file, 7)).toBe(false); // an iframe
    expect(isTrustedSender(event('https://evil.example/'), file, 7)).toBe(false); // navigated away
    expect(isTrustedSender(event(null), file, 7)).toBe(false); // frame gone
    expect(isTrustedSender(event(PAGE), file, undefined)).toBe(false); // no window yet
  });

  it('denies every permission', () => {
    const answers: boolean[] = [];
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'hid']) denyPermissionRequest({}, p, (g) => answers.push(g));
    expect(answers).toEqual([false, false, false, false, false, false]);
    expect(denyPermissionCheck()).toBe(false);
  });

  it('opens only web and loopback sandbox links in the browser', () => {
    expect(opensExternally('https://condocontrol.example/help')).toBe(true);
    expect(opensExternally('http://127.0.0.1:4701/people')).toBe(true);
    for (const u of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:', 'http://127.0.0.1.evil.example/']) {
      expect(opensExternally(u)).toBe(false);
    }
  });
});

describe('the electronegativity gate', () => {
  const finding = (id: string, severity: string) => ({ id, severity: { name: severity }, confidence: { name: 'FIRM' }, file: 'main/x.ts', location: { line: 1 } });
  const md = '# S\n## Accepted electronegativity findings\n- `PRELOAD_JS_CHECK` (MEDIUM): reviewed.\n## Other\n- `AUXCLICK_JS_CHECK` is outside the section.\n';

  it('reads the accepted checks from their section only', () => {
    expect([...acceptedChecks(md)]).toEqual(['PRELOAD_JS_CHECK']);
  });

  it('fails on HIGH whatever SECURITY.md says, and on lower findings it does not explain', () => {
    const accepted = new Set(['PRELOAD_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK']);
    const { failing, ok } = judge([finding('PRELOAD_JS_CHECK', 'MEDIUM'), finding('CONTEXT_ISOLATION_JS_CHECK', 'HIGH'), finding('AUXCLICK_JS_CHECK', 'MEDIUM')], accepted);
    expect(ok.map((f: { id: string }) => f.id)).toEqual(['PRELOAD_JS_CHECK']);
    expect(failing.map((f: { id: string }) => f.id)).toEqual(['CONTEXT_ISOLATION_JS_CHECK', 'AUXCLICK_JS_CHECK']);
  });
});
