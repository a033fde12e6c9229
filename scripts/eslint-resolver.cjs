// Import resolver for eslint-plugin-boundaries and import-x/no-cycle: Node's
// resolution with TypeScript's extensions, plus the one path alias of
// tsconfig.json (`@shared/*` → shared/*). A ten-line wrapper around
// eslint-import-resolver-node instead of eslint-import-resolver-typescript,
// which is not among the installed packages.
const { resolve: resolvePath } = require('node:path');
const node = require('eslint-import-resolver-node');

const ROOT = resolvePath(__dirname, '..');
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'];

exports.interfaceVersion = 2;
exports.resolve = (source, file, config) => {
  const aliased = source.startsWith('@shared/') ? resolvePath(ROOT, 'shared', source.slice('@shared/'.length)) : source;
  return node.resolve(aliased, file, { extensions: EXTENSIONS, ...config });
};
