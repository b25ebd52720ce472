/**
 * Portfolio LP benchmark (issue 6): S scenarios of 24 hourly periods, 10
 * contracts, a 1 ¢/kWh bid–ask spread (and, for comparison, none).
 *
 *   npx tsx scripts/bench/portfolio.ts [S ...] [--cap SECONDS]      default S = 100 1000 5000 20000, cap 120 s
 *
 * Columns: scenario simulation; build of the full LP (every ambiguous
 * scenario-period a purchase variable); the job's solve (spread-free start +
 * trust-region rounds, docs/models/portfolio.md) with glpk.js and HiGHS; then
 * the final LP of those rounds exported as CPLEX-LP and solved once by each
 * wasm backend and by native glpsol, and the wasm/native ratio. A solve over
 * the cap is stopped and printed as "> cap".
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLpBackend, type LpBackend } from '../../solver/lp/backend.ts';
import { toCplexLp } from '../../solver/lp/lpFormat.ts';
import { preparePortfolio } from '../../solver/portfolio/problem.ts';
import { toLp } from '../../solver/portfolio/toLp.ts';
import { solvePortfolio } from '../../solver/portfolio/solveLp.ts';
import { portfolioScenario, validScenario } from '../../test/solver/portfolio/fixtures.ts';

const args = process.argv.slice(2);
const capAt = args.indexOf('--cap');
const cap = capAt >= 0 ? Number(args[capAt + 1]) : 120;
const sizes = args.filter((a, i) => i !== capAt && i !== capAt + 1).map(Number);
const S_LIST = sizes.length > 0 ? sizes : [100, 1000, 5000, 20000];
const dir = mkdtempSync(join(tmpdir(), 'ggs-bench-portfolio-'));

const ms = (t0: number) => performance.now() - t0;
const fmt = (v: number | null) => (v === null ? `> ${cap} s` : v < 10_000 ? `${v.toFixed(0)} ms` : `${(v / 1000).toFixed(1)} s`);

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: ms(t0) };
}

function glpsol(text: string): { ms: number | null; objective: number } {
  const lp = join(dir, 'model.lp'), sol = join(dir, 'model.sol');
  writeFileSync(lp, text);
  const t0 = performance.now();
  try {
    execFileSync('/usr/bin/glpsol', ['--lp', lp, '-w', sol, '--tmlim', String(cap)], { stdio: 'pipe' });
  } catch {
    return { ms: null, objective: NaN };
  }
  const elapsed = ms(t0);
  const line = readFileSync(sol, 'utf8').split('\n').find((l) => l.startsWith('s bas'))!.split(' ');
  return line[4] === 'f' ? { ms: elapsed, objective: Number(line[6]) } : { ms: null, objective: NaN };
}

const backends: Record<'glpk' | 'highs', LpBackend> = { glpk: await loadLpBackend('glpk'), highs: await loadLpBackend('highs') };
const rows: Record<string, string>[] = [];
const notes: string[] = [];
for (const spread of [0.01, 0]) {
  for (const S of S_LIST) {
    const sim = timed(() => preparePortfolio(validScenario(portfolioScenario({ S, T: 24, C: 10, spreadPerKwh: spread, risk: { alpha: 0.95, lambda: 1 } })), 1));
    const { problem, risk } = sim.value;
    const full = timed(() => toLp(problem, risk));
    const row: Record<string, string> = {
      spread: String(spread),
      S: String(S),
      simulate: fmt(sim.ms),
      'full LP rows': String(full.value.model.rowCount),
      'build full': fmt(full.ms),
    };
    const objectives: Record<string, number> = {};
    let finalLp = full.value;
    for (const name of ['highs', 'glpk'] as const) {
      // glpk.js on the largest models would run for many minutes: the cap (over all rounds of the job) stops it
      const deadline = performance.now() + cap * 1000;
      const capped: LpBackend = {
        name,
        solve: (m, o) => backends[name].solve(m, { ...o, timeLimitSeconds: Math.max(1, (deadline - performance.now()) / 1000) }),
      };
      try {
        const job = timed(() => solvePortfolio(problem, risk, capped));
        if (job.ms > cap * 1000) throw new Error('over the cap');
        row[`job ${name}`] = fmt(job.ms);
        row[`rounds ${name}`] = String(job.value.rounds);
        objectives[name] = job.value.solution.objective;
        if (name === 'highs') finalLp = job.value.model as never;
      } catch {
        row[`job ${name}`] = fmt(null);
        row[`rounds ${name}`] = '-';
      }
    }
    row['final LP rows'] = String(finalLp.model.rowCount);
    const text = toCplexLp(finalLp.model);
    const once: Record<string, number | null> = {};
    for (const name of ['glpk', 'highs'] as const) {
      const s = timed(() => backends[name].solve(finalLp.model, { timeLimitSeconds: cap }));
      once[name] = s.value.status === 'optimal' ? s.ms : null;
    }
    const native = once.glpk === null && once.highs === null ? { ms: null, objective: NaN } : glpsol(text);
    row['final LP glpk.js'] = fmt(once.glpk!);
    row['final LP HiGHS'] = fmt(once.highs!);
    row['final LP glpsol'] = fmt(native.ms);
    const fastest = Math.min(once.glpk ?? Infinity, once.highs ?? Infinity);
    row['fastest wasm / glpsol'] = native.ms !== null && Number.isFinite(fastest) ? (fastest / native.ms).toFixed(2) : '-';
    const values = [...Object.values(objectives), ...(Number.isFinite(native.objective) ? [native.objective] : [])];
    row['objectives agree'] = values.length > 1 ? (Math.max(...values) - Math.min(...values)) / Math.abs(values[0]!) < 1e-7 ? `yes (${values.length})` : 'NO' : '-';
    rows.push(row);
    if (Object.values(row).some((v) => v.startsWith('>'))) notes.push(`S = ${S}, spread ${spread}: a solve passed the ${cap} s cap and was stopped`);
    console.error(JSON.stringify(row));
  }
}
rmSync(dir, { recursive: true, force: true });

const columns = Object.keys(rows[0]!);
const width = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(width[i]!)).join(' | ');
console.log(line(columns));
console.log(width.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(line(columns.map((c) => r[c] ?? '')));
for (const n of notes) console.log(`note: ${n}`);
