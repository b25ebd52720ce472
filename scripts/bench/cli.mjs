#!/usr/bin/env node
/**
 * CLI start-up, end to end as a user runs it (a new process each time):
 * `ggs --version` and `ggs solve` of the IEEE 33 power flow against their
 * targets (issue 12: < 0.3 s and < 0.5 s), beside bare `node` (the floor no
 * CLI can go below) and `npm run cli` / `npx ggs` (npm's own start-up and
 * package lookup on top, which no change to ggs can remove); and `ggs solve`
 * of the VPP-game samples, the first (and only) job in a fresh process, where
 * HiGHS's WebAssembly is compiled and tiered up inside the job (the OPF of
 * case141 end to end against native clp is in targets.ts).
 * Timed with hyperfine when it is installed, else by a loop of spawns here.
 * Run alone: `npm run bench -- cli`.
 */
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { ensureCli } from '../build-cli.mjs';
import { repoRoot } from '../lib/environment.mjs';
import { hyperfine, timeCommand } from '../lib/timeCommand.mjs';

const RUNS = 10;
const node = process.execPath;
const ggs = path.join(repoRoot, 'bin/ggs.mjs');
const cases = [
  { name: 'node -e 0 (the floor)', argv: [node, '-e', '0'] },
  { name: 'ggs --version', argv: [node, ggs, '--version'], targetS: 0.3 },
  { name: 'ggs solve ieee33 --job powerflow', argv: [node, ggs, 'solve', 'assets/scenarios/ieee33.ggs.json', '--job', 'powerflow'], targetS: 0.5 },
  // first job in a fresh process: HiGHS's WebAssembly compiled and tiered up inside the one job (docs/lp.md)
  { name: 'ggs solve classroom-two-vpps (vpp-game)', argv: [node, ggs, 'solve', 'assets/scenarios/classroom-two-vpps.ggs.json'], runs: 5 },
  { name: 'ggs solve three-vpps (vpp-game)', argv: [node, ggs, 'solve', 'assets/scenarios/three-vpps.ggs.json'], runs: 5 },
  { name: 'npm run cli -- --version (npm included)', argv: ['npm', 'run', '--silent', 'cli', '--', '--version'], runs: 3 },
  { name: 'npx ggs --version (npm lookup included)', argv: ['npx', 'ggs', '--version'], runs: 3 },
];

await ensureCli(); // a stale bundle would be rebuilt inside the first timed run

console.log(`CLI start-up, ${hyperfine ? 'hyperfine' : 'timed spawns (hyperfine not installed)'}, mean ± sd of ${RUNS} runs (5 for the games) after a warm-up`);
// on a shared machine the CPU time (user + system, all threads) is the steadier figure; wall time is what the target is about
console.log(`load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
for (const c of cases) {
  const { mean, stddev, cpu } = timeCommand(c.argv, c.runs ?? RUNS);
  const verdict = c.targetS === undefined ? '' : `  target < ${c.targetS} s: ${mean < c.targetS ? 'met' : 'NOT met'}`;
  console.log(`  ${c.name.padEnd(42)} ${mean.toFixed(3)} s ± ${stddev.toFixed(3)}${cpu === null ? '' : `  (cpu ${cpu.toFixed(3)} s)`}${verdict}`);
}
