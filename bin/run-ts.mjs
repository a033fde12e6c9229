#!/usr/bin/env node
// Runs a TypeScript entry under plain Node through tsx (tsconfig paths included).
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register({ tsconfig: resolve(import.meta.dirname, '..', 'tsconfig.json') });
const [entry, ...args] = process.argv.slice(2);
const mod = await import(pathToFileURL(resolve(entry)).href);
if (typeof mod.main === 'function') {
  const code = await mod.main(args);
  if (typeof code === 'number' && code >= 0) process.exitCode = code;
}
