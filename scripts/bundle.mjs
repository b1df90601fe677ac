#!/usr/bin/env node
// Bundles the compiled build (dist/, from tsc) into one module, dist/mailwright.mjs, which
// bin/mailwright prefers: loading ~200 separate ES modules is most of the command's start-up
// time. npm packages stay external (resolved from node_modules as before). Each module's
// `import.meta.url` is rewritten to its own dist/ location, so paths computed from it (the
// package.json, bin/mailwright) resolve exactly as in the unbundled build.
// Usage: node scripts/bundle.mjs   (part of `npm run build`)
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(repo, 'dist');
const outfile = join(dist, 'mailwright.mjs');

/** Replace import.meta.url in each dist module by the URL of that module. */
const ownModuleUrl = {
  name: 'own-module-url',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'js' };
      const rel = './' + relative(dirname(outfile), args.path).split('\\').join('/');
      const url = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'js' };
    });
  },
};

await build({
  entryPoints: [join(dist, 'cli/main.js')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [ownModuleUrl],
});
