// Refreshes the bundled copy of pipeline/ in .build/ when a source (or an installed package) changed
// since the last bundle. esbuild rather than tsc: one bundle per command, so a start-up resolves and
// reads a handful of files instead of some four hundred modules (~0.2 s of every `folio check`).
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { freshCompiled, STAMP } from '../bin/compiled.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Packages that find their own files at run time (browsers, wasm, templates, worker scripts) stay in
// node_modules; they load only when an edition needs them. epub-gen-memory is bundled: its templates
// are JavaScript modules, and loading its ~60 CommonJS files took ~60 ms of every EPUB build.
const external = ['puppeteer', 'puppeteer-core', 'subset-font', 'pagedjs', 'tsx'];

if (!freshCompiled('cli')) {
  // The stamp carries the time the bundle started: a source saved meanwhile makes the copy stale.
  const started = new Date();
  rmSync(join(root, '.build'), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { cli: 'pipeline/cli.ts' },
    outdir: '.build',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    // pdf-lib's ES modules, bundled: loading its ~300 CommonJS files from node_modules took ~0.2 s of
    // every PDF build, before anything else could run; bundled, ~0.05 s.
    alias: { 'pdf-lib': 'pdf-lib/es/index.js' },
    outExtension: { '.js': '.mjs' },
    // Some CommonJS dependencies (yaml) require Node built-ins, which an ES module bundle must provide.
    banner: { js: "import { createRequire as __folioRequire } from 'node:module'; const require = __folioRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, started.toISOString());
  utimesSync(STAMP, started, started);
}
