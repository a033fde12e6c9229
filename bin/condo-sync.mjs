#!/usr/bin/env node
// The condo-sync command: plain Node running the TypeScript host through tsx,
// so it works from a fresh clone after `npm ci` without a separate build.
import { register } from 'tsx/esm/api';
import { resolve } from 'node:path';

register({ tsconfig: resolve(import.meta.dirname, '..', 'tsconfig.json') });
const { main } = await import('../electron/host/cli.ts');
const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
