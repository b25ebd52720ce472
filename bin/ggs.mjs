#!/usr/bin/env node
// `ggs` runs from the TypeScript sources through tsx, so `npx ggs` works from a
// clean clone with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../main/cli/index.ts');
process.exitCode = await runCli(process.argv);
