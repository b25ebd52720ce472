/**
 * Times a command end to end, a new process each run, as a user runs it:
 * with hyperfine when it is installed, else by a loop of spawns. Shared by
 * scripts/bench/cli.mjs and scripts/bench/targets.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onPath, repoRoot } from './environment.mjs';

export const hyperfine = onPath('hyperfine');
const quote = (a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

/** Mean and standard deviation in seconds of `runs` runs of argv after one warm-up, and the mean CPU time (user + system) when hyperfine reports it. */
export function timeCommand(argv, runs) {
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
