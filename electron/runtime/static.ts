import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The renderer's CSP: only its own scripts and the API on the same origin. */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Serves the built renderer; unknown paths fall back to index.html (client routes). */
export function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, urlPath: string): void {
  let rel: string;
  try {
    rel = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  } catch {
    rel = '';
  }
  let file = join(root, rel);
  if (!file.startsWith(root + sep) && file !== root) file = join(root, 'index.html');
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The console has not been built. Run: npm run build');
    return;
  }
  const isHtml = file.endsWith('.html');
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(isHtml ? { 'content-security-policy': RENDERER_CSP, 'cache-control': 'no-cache', 'x-frame-options': 'DENY' } : { 'cache-control': 'public, max-age=3600' }),
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}
