/**
 * Portfolio benchmark (issue 6): S scenarios of 24 hourly periods, 10
 * contracts, α = 0.95, λ = 1, with a 1 ¢/kWh bid–ask spread and without.
 *
 *   npx tsx scripts/bench/portfolio.ts [S ...] [--cap SECONDS]      default S = 100 1000 5000 20000, cap 60 s
 *
 * Columns (docs/models/portfolio.md explains the method):
 *   job glpk.js / job HiGHS   the job's solve (cutting-plane masters until the bounds meet), wall time, of which
 *                             in LP solves, the process CPU time, and the LP solves (rounds)
 *   master                    the last master LP: rows, solved once by glpk.js, HiGHS and native glpsol
 *                             (`glpsol --lp`, wall time with process start and parsing), fastest wasm / glpsol
 *   full LP                   the model `ggs export-lp` writes: rows, build time, native glpsol on it, and the
 *                             fastest job / that glpsol run — what the job costs against exporting and solving natively
 *   agree                     the job's objective on both backends and glpsol's on the full LP, to 1e-7 relative
 * A solve over the cap is stopped and printed as "> cap". The machine's load average is printed: on a
 * shared machine wall times inflate with it, CPU times much less.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLpBackend, type LpBackend } from '../../solver/lp/backend.ts';
import type { LpModel } from '../../solver/lp/model.ts';
import { toCplexLp } from '../../solver/lp/lpFormat.ts';
import { preparePortfolio } from '../../solver/portfolio/problem.ts';
import { toLp } from '../../solver/portfolio/toLp.ts';
import { solvePortfolio, type PortfolioSolve } from '../../solver/portfolio/solveLp.ts';
import { portfolioScenario, validScenario } from '../../test/solver/portfolio/fixtures.ts';

const args = process.argv.slice(2);
const capAt = args.indexOf('--cap');
const cap = capAt >= 0 ? Number(args[capAt + 1]) : 60;
const sizes = args.filter((a, i) => i !== capAt && i !== capAt + 1).map(Number);
const S_LIST = sizes.length > 0 ? sizes : [100, 1000, 5000, 20000];
const dir = mkdtempSync(join(tmpdir(), 'ggs-bench-portfolio-'));

const fmt = (v: number | null) => (v === null ? `> ${cap} s` : v < 10_000 ? `${v.toFixed(0)} ms` : `${(v / 1000).toFixed(1)} s`);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

function timed<T>(f: () => T): { value: T; ms: number; cpuMs: number } {
  const c0 = process.cpuUsage(), t0 = performance.now();
  const value = f();
  const cpu = process.cpuUsage(c0);
  return { value, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function glpsol(model: LpModel): { ms: number | null; objective: number } {
  const lp = join(dir, 'model.lp'), sol = join(dir, 'model.sol');
  writeFileSync(lp, toCplexLp(model));
  const t0 = performance.now();
  try {
    execFileSync('/usr/bin/glpsol', ['--lp', lp, '-w', sol, '--tmlim', String(cap)], { stdio: 'pipe' });
  } catch {
    return { ms: null, objective: NaN };
  }
  const ms = performance.now() - t0;
  const line = readFileSync(sol, 'utf8').split('\n').find((l) => l.startsWith('s bas'))!.split(' ');
  return line[4] === 'f' && ms < cap * 1000 ? { ms, objective: Number(line[6]) } : { ms: null, objective: NaN };
}

const backends: Record<'glpk' | 'highs', LpBackend> = { glpk: await loadLpBackend('glpk'), highs: await loadLpBackend('highs') };
console.log(`load average at start: ${load()} (${process.env.npm_lifecycle_event ?? 'direct run'})`);
const rows: Record<string, string>[] = [];
const notes: string[] = [];
for (const spread of [0.01, 0]) {
  for (const S of S_LIST) {
    const { problem, risk } = preparePortfolio(validScenario(portfolioScenario({ S, T: 24, C: 10, spreadPerKwh: spread, risk: { alpha: 0.95, lambda: 1 } })), 1);
    const row: Record<string, string> = { spread: String(spread), S: String(S), load: loadavg()[0]!.toFixed(1) };
    const objectives: number[] = [];
    const jobs: { ms: number; master: LpModel }[] = [];
    for (const name of ['glpk', 'highs'] as const) {
      // every LP solve of the job gets what is left of the cap
      const deadline = performance.now() + cap * 1000;
      const capped: LpBackend = { name, solve: (m, o) => backends[name].solve(m, { ...o, timeLimitSeconds: Math.max(1, (deadline - performance.now()) / 1000) }) };
      const label = name === 'glpk' ? 'glpk.js' : 'HiGHS';
      try {
        const job = timed((): PortfolioSolve => solvePortfolio(problem, risk, capped));
        if (job.ms > cap * 1000) throw new Error('over the cap');
        row[`job ${label}`] = `${fmt(job.ms)} (LP ${fmt(job.value.lpMs)})`;
        row[`CPU ${label}`] = fmt(job.cpuMs);
        row[`rounds ${label}`] = String(job.value.rounds);
        objectives.push(job.value.upperBound);
        jobs.push({ ms: job.ms, master: job.value.model });
      } catch {
        row[`job ${label}`] = fmt(null);
        row[`CPU ${label}`] = row[`rounds ${label}`] = '-';
      }
    }
    // the last master once more by each solver, and by native glpsol
    const master = jobs.at(-1)?.master;
    if (master) {
      row['master rows'] = String(master.rowCount);
      const once = (['glpk', 'highs'] as const).map((name) => {
        const s = timed(() => backends[name].solve(master, { timeLimitSeconds: cap }));
        return s.value.status === 'optimal' ? s.ms : null;
      });
      const native = glpsol(master);
      row['master glpk.js'] = fmt(once[0]!);
      row['master HiGHS'] = fmt(once[1]!);
      row['master glpsol'] = fmt(native.ms);
      const fastest = Math.min(once[0] ?? Infinity, once[1] ?? Infinity);
      row['master wasm/glpsol'] = native.ms !== null && Number.isFinite(fastest) ? (fastest / native.ms).toFixed(2) : '-';
    }
    // the full LP of `ggs export-lp`, natively
    const full = timed(() => toLp(problem, risk));
    row['full LP rows'] = String(full.value.model.rowCount);
    row['build full'] = fmt(full.ms);
    const native = glpsol(full.value.model);
    row['full LP glpsol'] = fmt(native.ms);
    const fastestJob = Math.min(...jobs.map((j) => j.ms));
    row['job/glpsol full'] = native.ms !== null && jobs.length > 0 ? (fastestJob / native.ms).toFixed(2) : jobs.length > 0 ? `< ${(fastestJob / 1000 / cap).toFixed(2)}` : '-';
    if (Number.isFinite(native.objective)) objectives.push(native.objective);
    row.agree = objectives.length > 1 ? ((Math.max(...objectives) - Math.min(...objectives)) / Math.abs(objectives[0]!) < 1e-7 ? `yes (${objectives.length})` : 'NO') : '-';
    rows.push(row);
    if (Object.values(row).some((v) => v.includes('>'))) notes.push(`S = ${S}, spread ${spread}: a solve passed the ${cap} s cap and was stopped`);
    console.error(JSON.stringify(row));
  }
}
rmSync(dir, { recursive: true, force: true });

const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
const width = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(width[i]!)).join(' | ');
console.log(line(columns));
console.log(width.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(line(columns.map((c) => r[c] ?? '')));
for (const n of notes) console.log(`note: ${n}`);
console.log(`load average at end: ${load()}`);
