// Renders every icon the app ships from resources/icon.svg and the tray glyph
// below, with the Chromium the end-to-end tests already use (no image
// library), then packs the .ico and .icns with Debian's icoutils and
// icnsutils. The results are committed, so packaging and CI need none of
// this: run it again only after changing a picture.
//
//   apt-get install icoutils icnsutils && node resources/render-icons.mjs
//
// Output:
//   icon.png (512), icon.ico (16–256), icon.icns (16–1024), icons/NxN.png (Linux set)
//   tray/<status>-<taskbar>.png + @2x   Windows and Linux, for light and dark taskbars
//   tray/<status>Template.png + @2x     macOS template images (black + alpha; macOS tints them)
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const appSvg = readFileSync(join(here, 'icon.svg'), 'utf8');
const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** The statuses of electron/main/tray-status.ts. */
const STATUSES = ['idle', 'syncing', 'attention', 'failed', 'paused'];
const BADGE = { syncing: '#2d72d2', attention: '#e8a317', failed: '#d33a2c', paused: '#7a8594' };

/**
 * The tray glyph at 16×16 units: the two buildings of the app icon, and a
 * badge in the lower right saying the status by its shape (so a template
 * image, which has no colour, still tells them apart) and, outside macOS, by
 * its colour too.
 */
function traySvg(status, { fg, badgeFill, badgeMark }) {
  const badge = status === 'idle' ? '' : `<circle cx="12" cy="12" r="3.7" fill="${badgeFill(status)}"/>${mark(status, badgeMark)}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="16" height="16">
  <path d="M1.5 14V3.2a.8.8 0 0 1 .8-.8h4.9a.8.8 0 0 1 .8.8V14z" fill="${fg}"/>
  <path d="M9 14V6.7a.7.7 0 0 1 .7-.7h3.6a.7.7 0 0 1 .7.7V14z" fill="${fg}" opacity="0.75"/>
  <rect x="0.5" y="13.6" width="15" height="1.4" rx="0.7" fill="${fg}"/>
  ${badge}
</svg>`;
}

function mark(status, color) {
  switch (status) {
    case 'syncing': // one-way arrow
      return `<path d="M10 12h3.4M12 10.4l1.7 1.6-1.7 1.6" stroke="${color}" stroke-width="1.1" fill="none" stroke-linecap="round" stroke-linejoin="round"/>`;
    case 'attention': // !
      return `<rect x="11.45" y="9.9" width="1.1" height="2.7" rx="0.5" fill="${color}"/><circle cx="12" cy="13.9" r="0.65" fill="${color}"/>`;
    case 'failed': // ×
      return `<path d="M10.6 10.6l2.8 2.8M13.4 10.6l-2.8 2.8" stroke="${color}" stroke-width="1.2" stroke-linecap="round"/>`;
    case 'paused': // ||
      return `<rect x="10.7" y="10.3" width="1" height="3.4" rx="0.4" fill="${color}"/><rect x="12.3" y="10.3" width="1" height="3.4" rx="0.4" fill="${color}"/>`;
    default:
      return '';
  }
}

const TRAY_VARIANTS = {
  // Dark glyph for light taskbars (Windows' light theme, most Linux panels in light themes).
  light: { fg: '#1f2933', badgeFill: (s) => BADGE[s], badgeMark: '#ffffff' },
  // Light glyph for dark taskbars (Windows 11's default, GNOME's top bar).
  dark: { fg: '#f5f7fa', badgeFill: (s) => BADGE[s], badgeMark: '#ffffff' },
  // Template: black with alpha only (see templateSvg).
  Template: { fg: '#000000', badgeFill: () => '#000000', badgeMark: '#000000' },
};

async function render(browser, svg, size, file) {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  const sized = svg.replace(/width="(16|64)" height="(16|64)"/, `width="${size}" height="${size}"`);
  await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
  await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  await page.close();
}

/** A template has no white: its badge is black with the mark cut out through a mask. */
function templateSvg(status) {
  const plain = traySvg('idle', TRAY_VARIANTS.Template);
  if (status === 'idle') return plain;
  const badge = `<mask id="m"><rect width="16" height="16" fill="#fff"/>${mark(status, '#000')}</mask><circle cx="12" cy="12" r="3.7" fill="#000" mask="url(#m)"/>`;
  return plain.replace('</svg>', `${badge}\n</svg>`);
}

const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox'] });
try {
  // App icon: the Linux set, the sources of .ico and .icns, the window icon and the favicon.
  const setDir = join(here, 'icons');
  rmSync(setDir, { recursive: true, force: true });
  mkdirSync(setDir, { recursive: true });
  const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
  for (const size of sizes) await render(browser, appSvg, size, join(setDir, `${size}x${size}.png`));
  await render(browser, appSvg, 512, join(here, 'icon.png'));
  await render(browser, appSvg, 32, join(here, '..', 'renderer', 'public', 'favicon-32.png'));

  const trayDir = join(here, 'tray');
  rmSync(trayDir, { recursive: true, force: true });
  mkdirSync(trayDir, { recursive: true });
  for (const status of STATUSES) {
    for (const [variant, v] of Object.entries(TRAY_VARIANTS)) {
      const svg = variant === 'Template' ? templateSvg(status) : traySvg(status, v);
      const name = variant === 'Template' ? `${status}Template` : `${status}-${variant}`;
      await render(browser, svg, 16, join(trayDir, `${name}.png`));
      await render(browser, svg, 32, join(trayDir, `${name}@2x.png`));
    }
  }
} finally {
  await browser.close();
}

// Windows .ico (256 stored as PNG, as Windows expects) and macOS .icns.
const set = (n) => join(here, 'icons', `${n}x${n}.png`);
execFileSync('icotool', ['-c', '-o', join(here, 'icon.ico'), ...[16, 24, 32, 48, 64, 128].map(set), '-r', set(256)]);
// png2icns picks each size's icns type itself.
execFileSync('png2icns', [join(here, 'icon.icns'), ...[16, 32, 48, 128, 256, 512, 1024].map(set)], { stdio: 'ignore' });
console.log('icons rendered: icon.png, icon.ico, icon.icns, icons/, tray/');
