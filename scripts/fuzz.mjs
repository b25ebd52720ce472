#!/usr/bin/env node
/**
 * `npm run fuzz`: the validation fuzz tests (test/fuzz/) with many more runs
 * than CI's 10 000 per family: 200 000, or the number given
 * (`npm run fuzz -- 1000000`). GGS_FUZZ_SEED=N replays one seed. Also every
 * fleet seed of the EV parking-lot sweep (EV_SEEDS=all, ≈ 130 s; CI runs the
 * special eleven, test/solver/certify/evSeeds.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runs = process.argv[2] ?? '200000';
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const r = spawnSync(process.execPath, [vitest, 'run', '--project', 'unit', 'test/fuzz/', 'test/solver/certify/evSeeds.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, GGS_FUZZ_RUNS: runs, EV_SEEDS: 'all' },
});
process.exit(r.status ?? 1);
