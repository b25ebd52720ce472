/**
 * DSO-fee benchmark (printed, not asserted; issue 16 item 8): the exact
 * bilevel solve of 4 microgrids × 24 h on the IEEE 33-bus feeder
 * (scripts/bench/fixtures/ieee33-dso-fees-24h.ggs.json, written by
 * scripts/samples/dso-fees.mjs) — time to derive the big-Ms
 * (LP solves), time of the outer-approximation rounds (MILPs), branch-and-
 * bound nodes, binaries, the proven gap — the sample (the same day's
 * 08:00–16:00 window, assets/scenarios/ieee33-dso-fees.ggs.json, which closes)
 * and the classroom case for scale. DSO_BENCH_CASES picks cases by name
 * (comma-separated; default all three).
 * Time limit: DSO_BENCH_SECONDS (default 600) for the search; DSO_BENCH_STARTS
 * follower solves for the per-period starting-point pass (default 150).
 * Run: `npm run bench -- dsoFees`, or `npx tsx scripts/bench/dsoFees.ts`.
 */
import { readFileSync } from 'node:fs';
import { loadLpBackend } from '../../solver/lp/backend.ts';
import { Scenario } from '../../solver/scenario/schema.ts';
import { buildDsoGame, flatFee } from '../../solver/dsoFees/model.ts';
import { startsFor } from '../../solver/dsoFees/job.ts';
import { deriveBigM } from '../../solver/bilevel/bounds.ts';
import { solveBilevel } from '../../solver/bilevel/solve.ts';

const lp = await loadLpBackend('highs');
const seconds = Number(process.env.DSO_BENCH_SECONDS ?? 600);
const cases: Record<string, string> = {
  'classroom-dso-fees': 'assets/scenarios/classroom-dso-fees.ggs.json',
  'ieee33-dso-fees': 'assets/scenarios/ieee33-dso-fees.ggs.json',
  'ieee33-dso-fees-24h': 'scripts/bench/fixtures/ieee33-dso-fees-24h.ggs.json',
};
const chosen = process.env.DSO_BENCH_CASES?.split(',') ?? Object.keys(cases);
for (const file of chosen) {
  if (!cases[file]) throw new Error(`DSO_BENCH_CASES: no case ${file} (${Object.keys(cases).join(', ')})`);
  const s = Scenario.parse(JSON.parse(readFileSync(cases[file], 'utf8')));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const game = buildDsoGame(s);
  const M = deriveBigM(game.follower, game.leader, lp);
  const t1 = performance.now();
  const ts = performance.now();
  const starts = startsFor(game, lp, flatFee(s), Number(process.env.DSO_BENCH_STARTS ?? 150));
  const tStarts = performance.now() - ts;
  const sol = solveBilevel(game.follower, game.leader, game.upper, M, lp, { timeLimitSeconds: seconds, mipRelGap: 1e-6, relGap: 1e-6, absGap: 1e-9, starts, maxMilpSeconds: seconds });
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  console.log(`${file}: ${game.mgs.length} MGs × ${game.T} periods, ${game.pairs.length} pairs, ${game.leader.names.length} fees; followers ${game.follower.model.varCount} vars × ${game.follower.model.rowCount} rows`);
  console.log(`  big-M bounds  ${((t1 - t0) / 1000).toFixed(2)} s (${M.lpSolves} LPs)`);
  console.log(`  starts        ${(tStarts / 1000).toFixed(2)} s, ${starts.length} improving point(s), best ${starts.length ? starts[starts.length - 1]!.objective.toFixed(4) : '—'}`);
  console.log(`  search        ${((t2 - t1) / 1000).toFixed(2)} s, ${sol.iterations.length} MILP round(s), ${sol.nodes} nodes; MILP ${sol.rows} rows × ${sol.cols} cols, ${sol.binaries} binaries`);
  console.log(`  result        ${sol.status} (${sol.message}); objective ${sol.objective.toFixed(4)}, bound ${sol.upperBound.toFixed(4)}, gap ${sol.absGap.toExponential(2)} (relative ${sol.relGap.toExponential(2)})`);
  console.log(`  cpu           ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
  for (const it of sol.iterations) console.log(`    round: MILP ${it.milpObjective.toFixed(4)} bound ${it.milpBound.toFixed(4)} polished ${it.polished?.toFixed(4) ?? '—'} nodes ${it.nodes} ${(it.milpMs / 1000).toFixed(2)} s, +${it.tangentsAdded} tangents`);
}
