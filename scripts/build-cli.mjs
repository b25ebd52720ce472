#!/usr/bin/env node
/**
 * Compiles the `ggs` CLI to JavaScript with esbuild, so it starts in tens of
 * milliseconds instead of compiling TypeScript at every start:
 *   main/cli/index.ts          → dist-cli/ggs.mjs     (runCli, imported in-process by bin/ggs.mjs)
 *   main/workers/nodeWorker.ts → dist-cli/worker.mjs  (the worker_threads entry of the CLI's pools)
 *   main/microgrid/stepWorker.ts → dist-cli/stepWorker.mjs (a worker's microgrid ADMM step threads)
 *   what they share, and what is imported lazily  → dist-cli/chunk-*.mjs, …
 * npm packages are bundled too (one file parses faster than hundreds of small
 * modules), except the WebAssembly solvers glpk.js and highs, which load their
 * .wasm from beside their own module in node_modules.
 *
 * dist-cli/manifest.json lists every source file the bundles were built from.
 * `ensureCli()` (what bin/ggs.mjs calls) rebuilds when the bundle is missing or
 * any of those files is newer than it, so `ggs` always runs the current
 * sources. It runs at `npm ci` too (the package's own `prepare` script).
 *
 * Usage: node scripts/build-cli.mjs
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cliDir = path.join(root, 'dist-cli');
export const cliBundle = path.join(cliDir, 'ggs.mjs');
const manifestOf = (dir) => path.join(dir, 'manifest.json');
const self = path.relative(root, fileURLToPath(import.meta.url));

/** entry points: output name (dist-cli/NAME.mjs) → source */
const entries = { ggs: 'main/cli/index.ts', worker: 'main/workers/nodeWorker.ts', stepWorker: 'main/microgrid/stepWorker.ts' };
/**
 * Copied as is: a worker entry given as TypeScript (GGS_WORKER_ENTRY=…ts, test
 * fixtures only) is started through it; the bundled pool looks for it beside itself.
 */
const copied = ['main/workers/tsxBootstrap.mjs'];
/** chunks of older builds are removed once this old (a CLI still running may yet load one) */
const OLD_CHUNK_MS = 3_600_000;

/** Why the bundle must be (re)built, or null when it is up to date with every source it was built from. */
export function staleReason(dir = cliDir) {
  const manifestFile = manifestOf(dir);
  if (!existsSync(manifestFile)) return 'not built yet';
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    return 'its manifest is unreadable';
  }
  const built = manifest.startedAt;
  if (typeof built !== 'number') return 'its manifest is from an older build script';
  for (const file of manifest.outputs ?? []) if (!existsSync(path.join(dir, file))) return `${path.relative(root, path.join(dir, file))} is missing`;
  for (const source of manifest.inputs ?? []) {
    let mtime;
    try {
      mtime = statSync(path.join(root, source)).mtimeMs;
    } catch {
      return `${source} was removed`;
    }
    if (mtime > built) return `${source} changed`;
  }
  return null;
}

/** Writes a file so that a concurrent reader sees the old or the new content, never half of it. */
function writeAtomic(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
}

/** Builds dist-cli/ (or `dir`) in ≈ 1 s; safe when several processes do it at once. */
export async function buildCli(dir = cliDir) {
  const esbuild = await import('esbuild');
  const startedAt = Date.now(); // a source saved while esbuild reads the tree must count as newer
  // one build with code splitting: what the CLI and the worker share is one chunk, and what a
  // job loads lazily (an LP backend and its WebAssembly) is loaded only by the jobs that need it
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    // chunks beside the entries: code that finds a file next to itself (`new URL('./worker.mjs', import.meta.url)`) finds it wherever esbuild puts it
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // the WebAssembly solvers find their .wasm beside their own module: load them from node_modules
    external: ['glpk.js', 'glpk.js/*', 'highs', 'highs/*'],
    // bundled CommonJS packages (commander, cli-progress) require Node built-ins
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    minify: true,
    sourcemap: 'linked', // for `node --enable-source-maps bin/ggs.mjs …`; not read otherwise
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  mkdirSync(dir, { recursive: true });
  for (const file of copied) {
    const tmp = path.join(dir, `${path.basename(file)}.${process.pid}.tmp`);
    copyFileSync(path.join(root, file), tmp);
    renameSync(tmp, path.join(dir, path.basename(file)));
  }
  // chunks and maps first, then the worker, then the CLI: a CLI started meanwhile never finds
  // an entry whose chunks or worker are not written yet
  const files = result.outputFiles;
  const order = (f) => (f.path.endsWith(`${path.sep}ggs.mjs`) ? 2 : f.path.endsWith(`${path.sep}worker.mjs`) ? 1 : 0);
  for (const f of [...files].sort((a, b) => order(a) - order(b))) writeAtomic(f.path, f.contents);
  const outputs = files.map((f) => path.relative(dir, f.path)).concat(copied.map((f) => path.basename(f)));
  removeOldChunks(dir, new Set(outputs));
  // installed package files keep whatever mtime npm gave them; a dependency change always rewrites the lock file
  const inputs = new Set([self, ...copied, ...(existsSync(path.join(root, 'package-lock.json')) ? ['package-lock.json'] : [])]);
  for (const input of Object.keys(result.metafile.inputs)) inputs.add(input);
  writeAtomic(manifestOf(dir), JSON.stringify({ startedAt, inputs: [...inputs].sort(), outputs: outputs.sort() }, null, 1) + '\n');
}

/** Files of older builds (chunk names carry a content hash), once they are old. */
function removeOldChunks(dir, current) {
  for (const name of readdirSync(dir)) {
    if (current.has(name) || name === 'manifest.json') continue;
    const file = path.join(dir, name);
    try {
      if (Date.now() - statSync(file).mtimeMs > OLD_CHUNK_MS) rmSync(file, { force: true });
    } catch {
      // removed meanwhile by another build
    }
  }
}

/** The path of an up-to-date CLI bundle, building it first when needed (and saying so on stderr). */
export async function ensureCli() {
  const reason = staleReason();
  if (!reason) return cliBundle;
  process.stderr.write(`ggs: compiling the CLI (${reason}) … `);
  const t0 = Date.now();
  try {
    await buildCli();
  } catch (e) {
    process.stderr.write('failed\n');
    if (e?.code === 'ERR_MODULE_NOT_FOUND' && /esbuild/.test(e.message)) throw new Error('esbuild, which compiles the CLI, is not installed: run `npm ci`');
    throw e;
  }
  process.stderr.write(`done in ${Date.now() - t0} ms\n`);
  return cliBundle;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  await buildCli();
  console.log(`build-cli: dist-cli/ written in ${Date.now() - t0} ms`);
}
