#!/usr/bin/env node
/**
 * CLI start-up, end to end as a user runs it (a new process each time):
 * `ggs --version` and `ggs solve` of the IEEE 33 power flow against their
 * targets (issue 12: < 0.3 s and < 0.5 s), beside bare `node` (the floor no
 * CLI can go below) and `npm run cli` / `npx ggs` (npm's own start-up and
 * package lookup on top, which no change to ggs can remove).
 * Timed with hyperfine when it is installed, else by a loop of spawns here.
 * Run alone: `npm run bench -- cli`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { ensureCli } from '../build-cli.mjs';
import { onPath, repoRoot } from '../lib/environment.mjs';

const RUNS = 10;
const node = process.execPath;
const ggs = path.join(repoRoot, 'bin/ggs.mjs');
const cases = [
  { name: 'node -e 0 (the floor)', argv: [node, '-e', '0'] },
  { name: 'ggs --version', argv: [node, ggs, '--version'], targetS: 0.3 },
  { name: 'ggs solve ieee33 --job powerflow', argv: [node, ggs, 'solve', 'assets/scenarios/ieee33.ggs.json', '--job', 'powerflow'], targetS: 0.5 },
  { name: 'npm run cli -- --version (npm included)', argv: ['npm', 'run', '--silent', 'cli', '--', '--version'], runs: 3 },
  { name: 'npx ggs --version (npm lookup included)', argv: ['npx', 'ggs', '--version'], runs: 3 },
];

await ensureCli(); // a stale bundle would be rebuilt inside the first timed run

const hyperfine = onPath('hyperfine');
const quote = (a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

/** Mean and standard deviation in seconds of `runs` runs of argv after one warm-up, and the mean CPU time (user + system) when hyperfine reports it. */
function time(argv, runs) {
  if (hyperfine) {
    const dir = mkdtempSync(path.join(tmpdir(), 'ggs-bench-'));
    const json = path.join(dir, 'h.json');
    const r = spawnSync(hyperfine, ['-N', '--style', 'none', '--warmup', '1', '--runs', String(runs), '--export-json', json, argv.map(quote).join(' ')], { cwd: repoRoot, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`hyperfine failed on ${argv.join(' ')}:\n${r.stderr}`);
    const { mean, stddev, user, system } = JSON.parse(readFileSync(json, 'utf8')).results[0];
    rmSync(dir, { recursive: true, force: true });
    return { mean, stddev, cpu: user + system };
  }
  const times = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(argv[0], argv.slice(1), { cwd: repoRoot, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}`);
    if (i > 0) times.push(Number(process.hrtime.bigint() - t0) / 1e9); // run 0 warms the caches
  }
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return { mean, stddev: Math.sqrt(times.reduce((a, t) => a + (t - mean) ** 2, 0) / times.length), cpu: null };
}

console.log(`CLI start-up, ${hyperfine ? 'hyperfine' : 'timed spawns (hyperfine not installed)'}, mean ± sd of ${RUNS} runs after a warm-up`);
// on a shared machine the CPU time (user + system, all threads) is the steadier figure; wall time is what the target is about
console.log(`load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
for (const c of cases) {
  const { mean, stddev, cpu } = time(c.argv, c.runs ?? RUNS);
  const verdict = c.targetS === undefined ? '' : `  target < ${c.targetS} s: ${mean < c.targetS ? 'met' : 'NOT met'}`;
  console.log(`  ${c.name.padEnd(42)} ${mean.toFixed(3)} s ± ${stddev.toFixed(3)}${cpu === null ? '' : `  (cpu ${cpu.toFixed(3)} s)`}${verdict}`);
}
