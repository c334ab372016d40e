// Bundles the browser's code (src/ui) with esbuild into dist/public, beside the server's dist. Runs in the package's
// build and in the root's `pnpm generate` (see the README): tsc -b type-checks src/ui, esbuild bundles it.
const { copyFileSync, mkdirSync, rmSync } = require('node:fs');
const path = require('node:path');
const { buildSync } = require('esbuild');

const root = path.join(module.path, '..');
const outdir = path.join(root, 'dist', 'public');

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
buildSync({
  entryPoints: [path.join(root, 'src', 'ui', 'main.ts')],
  outdir,
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'iife',
  target: ['es2022'],
  logLevel: 'warning',
});
copyFileSync(path.join(root, 'src', 'ui', 'index.html'), path.join(outdir, 'index.html'));
