/** The portfolio LP's oracles: ex-post CVaR, two backends, native glpsol on the exported file, the full model, risk neutrality. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLpBackend } from '../../../solver/lp/backend.ts';
import { toCplexLp } from '../../../solver/lp/lpFormat.ts';
import { preparePortfolio } from '../../../solver/portfolio/problem.ts';
import { toLp } from '../../../solver/portfolio/toLp.ts';
import { solvePortfolio } from '../../../solver/portfolio/solveLp.ts';
import { createRng } from '../../../solver/portfolio/rng.ts';
import { portfolioScenario, validScenario } from './fixtures.ts';
import { evaluate, optimise, relDiff } from './support.ts';

const small = (risk: { lambda?: number; cvarLimit?: number }, spreadPerKwh = 0.01) => portfolioScenario({ S: 80, C: 5, spreadPerKwh, risk: { alpha: 0.9, ...risk } });
/** 200 × 24 ambiguous scenario-periods: above SMALL_MODEL, so the trust region runs */
const boxedSize = (risk: { lambda?: number }) => portfolioScenario({ S: 200, C: 5, risk: { alpha: 0.9, ...risk } });

describe('portfolio job', () => {
  it('reports a CVaR equal to the ex-post CVaR of its volumes to 1e-6 relative, with a spread and without', async () => {
    for (const spread of [0, 0.01]) {
      const { data, certificate } = await optimise(small({ lambda: 0.7 }, spread));
      expect(certificate.lpCvar).not.toBeNull();
      expect(relDiff(data.cvar, certificate.expostCvar)).toBeLessThan(1e-6);
      expect(certificate.cvarRelativeError).toBeLessThan(1e-6);
      expect(certificate.lp.dualityGap).toBeLessThan(1e-6 * Math.abs(certificate.lp.objective));
      // the LP objective is E + λ·CVaR recomputed from the scenario costs
      expect(relDiff(certificate.lp.objective, data.expectedCost + 0.7 * certificate.expostCvar)).toBeLessThan(1e-7);
    }
  });

  it('glpk.js and HiGHS agree on the objective to 1e-7 relative', async () => {
    for (const risk of [{ lambda: 0.5 }, { lambda: 0 }]) {
      const [g, h] = [await optimise(small(risk), 'glpk'), await optimise(small(risk), 'highs')];
      expect(relDiff(g.certificate.lp.objective, h.certificate.lp.objective)).toBeLessThan(1e-7);
      expect(relDiff(g.data.expectedCost, h.data.expectedCost)).toBeLessThan(1e-7);
    }
  });

  it('the trust region ends at the optimum of the full model (every ambiguous scenario-period a variable)', async () => {
    const prepared = preparePortfolio(validScenario(boxedSize({ lambda: 1.5 })), 1);
    const highs = await loadLpBackend('highs');
    const boxed = solvePortfolio(prepared.problem, prepared.risk, highs);
    expect(boxed.rounds).toBeGreaterThan(1);
    const full = toLp(prepared.problem, prepared.risk);
    const fullSolution = highs.solve(full.model);
    expect(full.spotVariables).toBeGreaterThan(boxed.lp.spotVariables);
    expect(relDiff(boxed.solution.objective, fullSolution.objective)).toBeLessThan(1e-9);
  });

  it('λ = 0 gives the risk-neutral optimum: no sampled feasible portfolio has a lower expected cost', async () => {
    const input = small({ lambda: 0 });
    const { data, certificate } = await optimise(input);
    expect(certificate.lpCvar).toBeNull(); // no η, z in a risk-neutral LP
    expect(relDiff(certificate.lp.objective, data.expectedCost)).toBeLessThan(1e-9);
    const rng = createRng(3);
    const contracts = validScenario(input).portfolio!.contracts;
    for (let k = 0; k < 30; k++) {
      const volumes = Object.fromEntries(contracts.map((c) => [c.id, c.minKw + rng.next() * (c.maxKw - c.minKw)]));
      expect(evaluate(input, volumes).data.expectedCost).toBeGreaterThanOrEqual(data.expectedCost - 1e-9);
    }
    // and a risk weight buys a lower CVaR with a higher expected cost
    const averse = await optimise(small({ lambda: 2 }));
    expect(averse.data.cvar).toBeLessThan(data.cvar);
    expect(averse.data.expectedCost).toBeGreaterThan(data.expectedCost);
  });
});

describe('exported LP solved by native glpsol', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ggs-portfolio-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same objective as the job (the trust-region LP and the full LP)', async () => {
    const prepared = preparePortfolio(validScenario(boxedSize({ lambda: 0.7 })), 1);
    const solved = solvePortfolio(prepared.problem, prepared.risk, await loadLpBackend('highs'));
    for (const [name, model] of [['boxed', solved.lp.model], ['full', toLp(prepared.problem, prepared.risk).model]] as const) {
      const lp = join(dir, `${name}.lp`), sol = join(dir, `${name}.sol`);
      writeFileSync(lp, toCplexLp(model));
      execFileSync('/usr/bin/glpsol', ['--lp', lp, '-w', sol], { stdio: 'pipe' });
      const [, , , , pstat, , objective] = readFileSync(sol, 'utf8').split('\n').find((l) => l.startsWith('s bas'))!.split(' ');
      expect(pstat).toBe('f');
      expect(relDiff(Number(objective), solved.solution.objective)).toBeLessThan(1e-7);
    }
  });
});
