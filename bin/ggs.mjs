#!/usr/bin/env node
// `ggs` runs the CLI compiled to JavaScript (dist-cli/, scripts/build-cli.mjs):
// built at `npm ci` and rebuilt here first whenever a source file is newer
// than the bundle, so it always runs the current sources. The CLI runs in this
// process (no child), so Ctrl+C and kill reach it directly however `ggs` was
// started (npx ggs, npm run cli, node bin/ggs.mjs).
import module from 'node:module';
import { ensureCli } from '../scripts/build-cli.mjs';

// Node ≥ 22.1 keeps V8's compiled code of the bundle between runs (a no-op on older Node)
module.enableCompileCache?.();

let bundle;
try {
  bundle = await ensureCli();
} catch (e) {
  process.stderr.write(`ggs: cannot compile the CLI: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
const { runCli } = await import(bundle);
process.exitCode = await runCli(process.argv);
