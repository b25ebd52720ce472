#!/usr/bin/env node
/**
 * Bundles the Electron side with esbuild:
 *   main/electron/main.ts    → dist-electron/main.cjs     (Electron main process)
 *   main/electron/preload.ts → dist-electron/preload.cjs  (sandboxed preload: no Node built-ins)
 *   main/workers/nodeWorker.ts → dist-electron/worker.cjs (worker_threads entry)
 *   main/microgrid/stepWorker.ts → dist-electron/stepWorker.cjs (the worker's microgrid ADMM step threads)
 * Everything but `electron` is bundled, so the packaged app needs no node_modules.
 * Usage: node scripts/build-electron.mjs [--watch]
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist-electron');

// ESM-only dependencies (glpk.js) locate their .wasm through import.meta.url; give CJS bundles a real one.
const importMetaUrl = {
  banner: { js: 'const __import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__import_meta_url' },
};

// node-fetch (through TensorFlow.js, the forecast job's MLP) requires its optional `encoding` inside a
// try/catch; esbuild leaves such a require unresolved. Bundle an empty module instead, so the packaged
// worker needs no package outside itself (node-fetch only wants it for textConverted(), never called).
const optionalEncoding = {
  name: 'optional-encoding',
  setup(build) {
    build.onResolve({ filter: /^encoding$/ }, () => ({ path: 'encoding', namespace: 'optional-encoding' }));
    build.onLoad({ filter: /.*/, namespace: 'optional-encoding' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  target: 'node22', // Electron 45 ships Node 22
  sourcemap: 'linked',
  external: ['electron'],
  logLevel: 'warning',
  absWorkingDir: root,
};

/** esbuild options of the three bundles, written to `dir`. */
export function electronBuildOptions(dir = outdir) {
  return [
    { ...common, entryPoints: ['main/electron/main.ts'], outfile: path.join(dir, 'main.cjs'), platform: 'node', ...importMetaUrl },
    { ...common, entryPoints: ['main/electron/preload.ts'], outfile: path.join(dir, 'preload.cjs'), platform: 'browser', minify: true },
    { ...common, entryPoints: ['main/workers/nodeWorker.ts'], outfile: path.join(dir, 'worker.cjs'), platform: 'node', ...importMetaUrl, plugins: [optionalEncoding] },
    // the microgrid ADMM's step threads, started by the worker (main/microgrid/parallelSteps.ts finds it beside itself)
    { ...common, entryPoints: ['main/microgrid/stepWorker.ts'], outfile: path.join(dir, 'stepWorker.cjs'), platform: 'node', ...importMetaUrl },
  ];
}

/** WebAssembly the worker's solvers load from beside the bundle. */
const wasmAssets = ['node_modules/glpk.js/dist/glpk.wasm', 'node_modules/highs/build/highs.wasm'];

export async function buildElectron({ watch = false, dir = outdir } = {}) {
  await mkdir(dir, { recursive: true });
  for (const asset of wasmAssets) {
    const from = path.join(root, asset);
    if (existsSync(from)) await copyFile(from, path.join(dir, path.basename(asset)));
  }
  if (watch) {
    for (const options of electronBuildOptions(dir)) await (await esbuild.context(options)).watch();
    console.log('build-electron: watching for changes');
    return;
  }
  await Promise.all(electronBuildOptions(dir).map((options) => esbuild.build(options)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  await buildElectron({ watch: process.argv.includes('--watch') });
  console.log(`build-electron: dist-electron/ written in ${Date.now() - t0} ms`);
}
