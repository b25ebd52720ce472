/**
 * What the portfolio UI costs (renderer/src/portfolio): the scenario preview
 * the renderer computes on its own thread after an edit (simulation of at
 * most PREVIEW_CELLS scenario-periods, statistics, fan-chart quantiles), and
 * the frontier's points as the what-if engine runs them (one `portfolio` job
 * per λ, here in this process one after another, as in the browser's single
 * job worker).
 *
 *   npx tsx scripts/bench/portfolio-ui.ts
 */
import { readFileSync } from 'node:fs';
import type { ScenarioInput } from '../../solver/scenario/schema.ts';
import { runJob } from '../../solver/jobs/run.ts';
import { runStudy } from '../../solver/whatif/execute.ts';
import { scenarioPreview, PREVIEW_CELLS } from '../../renderer/src/portfolio/simulationPreview.ts';
import { frontierPoints, frontierStudy, DEFAULT_LAMBDAS } from '../../renderer/src/portfolio/frontierStudy.ts';

const sample: ScenarioInput = JSON.parse(readFileSync(new URL('../../assets/scenarios/retailer-portfolio.ggs.json', import.meta.url), 'utf8'));
const withCount = (count: number): ScenarioInput => ({ ...sample, portfolio: { ...sample.portfolio!, scenarios: { kind: 'simulated', count, seed: 2026 } } });

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

console.log(`scenario preview (PREVIEW_CELLS = ${PREVIEW_CELLS}), retailer-portfolio, T = 48: first call and median of 7 further calls`);
console.log('| scenarios in the document | shown | first | median |');
console.log('|---|---|---|---|');
for (const S of [200, 1000, 20_000]) {
  const doc = withCount(S);
  const times: number[] = [];
  let shown = 0;
  for (let k = 0; k < 8; k++) {
    const t0 = performance.now();
    const p = scenarioPreview({ ...doc }); // a new object each time, as after an edit
    times.push(performance.now() - t0);
    if (p.ok) shown = p.preview.shown;
  }
  console.log(`| ${S} | ${shown} | ${times[0]!.toFixed(0)} ms | ${median(times.slice(1)).toFixed(0)} ms |`);
}

console.log(`\nfrontier over λ = ${DEFAULT_LAMBDAS} (the panel's default), retailer-portfolio (200 × 48, 1 ¢ spread), points one after another`);
console.log('| backend | total | per point | E[cost] at λ = 0 … 4 | CVaR at λ = 0 … 4 |');
console.log('|---|---|---|---|---|');
for (const backend of ['glpk', 'highs'] as const) {
  const prepared = frontierStudy(sample, 'lambda', DEFAULT_LAMBDAS, backend);
  if (!prepared.ok) throw new Error(prepared.issues.join('\n'));
  const t0 = performance.now();
  const result = await runStudy(prepared.study, (request) => runJob(request));
  const total = performance.now() - t0;
  const points = frontierPoints(result, 'lambda');
  const r = (v: number) => v.toFixed(0);
  console.log(`| ${backend} | ${(total / 1000).toFixed(1)} s | ${(total / points.length / 1000).toFixed(1)} s | ${points.map((p) => r(p.expectedCost)).join(', ')} | ${points.map((p) => r(p.cvar)).join(', ')} |`);
}
