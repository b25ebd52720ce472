/** The portfolio LP's oracles: ex-post CVaR, two backends, native glpsol on the exported file, the full model, risk neutrality. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { loadLpBackend } from '../../../solver/lp/backend.ts';
import { toCplexLp } from '../../../solver/lp/lpFormat.ts';
import { portfolioJob } from '../../../solver/portfolio/portfolioJob.ts';
import { createRng } from '../../../solver/portfolio/rng.ts';
import { glpsol, requireTool } from '../../support/nativeTool.ts';
import { portfolioScenario, validScenario } from './fixtures.ts';
import { evaluate, optimise, relDiff } from './support.ts';

const small = (risk: { lambda?: number; cvarLimit?: number }, spreadPerKwh = 0.01) => portfolioScenario({ S: 100, C: 5, spreadPerKwh, risk: { alpha: 0.9, ...risk } });

describe('portfolio job', () => {
  it('reports a CVaR equal to the ex-post CVaR of its volumes to 1e-6 relative, with a spread and without', async () => {
    for (const spread of [0, 0.01]) {
      const { data, certificate } = await optimise(small({ lambda: 0.7 }, spread));
      expect(certificate.lpCvar).not.toBeNull();
      expect(relDiff(data.cvar, certificate.expostCvar)).toBeLessThan(1e-6);
      expect(certificate.cvarRelativeError).toBeLessThan(1e-6);
      expect(certificate.lp.dualityGap).toBeLessThan(1e-6 * Math.abs(certificate.lp.objective));
      // the LP objective is E + λ·CVaR recomputed from the scenario costs, and so is the upper bound
      expect(relDiff(certificate.lp.objective, data.expectedCost + 0.7 * certificate.expostCvar)).toBeLessThan(1e-7);
      expect(relDiff(certificate.upperBound, data.expectedCost + 0.7 * certificate.expostCvar)).toBeLessThan(1e-12);
      expect(certificate.relativeGap).toBeLessThanOrEqual(1e-9);
      // without a spread the full LP has 24 + 100 rows: solved in one go
      expect(certificate.method).toBe(spread > 0 ? 'cutting-plane' : 'full');
    }
  });

  it('glpk.js and HiGHS agree on the objective to 1e-7 relative', async () => {
    for (const risk of [{ lambda: 0.5 }, { lambda: 0 }, { cvarLimit: 1e9 }]) {
      const [g, h] = [await optimise(small(risk), 'glpk'), await optimise(small(risk), 'highs')];
      expect(relDiff(g.certificate.lp.objective, h.certificate.lp.objective)).toBeLessThan(1e-7);
      expect(relDiff(g.data.expectedCost, h.data.expectedCost)).toBeLessThan(1e-7);
      expect(relDiff(g.data.cvar, h.data.cvar)).toBeLessThan(1e-7);
    }
  });

  it('λ = 0 gives the risk-neutral optimum: no sampled feasible portfolio has a lower expected cost', async () => {
    const input = small({ lambda: 0 });
    const { data, certificate } = await optimise(input);
    expect(certificate.lpCvar).toBeNull(); // no η, z in a risk-neutral LP
    expect(certificate.tailScenarios).toBe(0);
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
  beforeEach(requireTool(glpsol));
  const dir = mkdtempSync(join(tmpdir(), 'ggs-portfolio-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the objective the job reaches (ggs export-lp writes the full LP; the job solves it by cutting planes)', async () => {
    const input = portfolioScenario({ S: 200, C: 5, risk: { alpha: 0.9, lambda: 0.7 } });
    const { certificate } = await optimise(input, 'highs');
    expect(certificate.method).toBe('cutting-plane');
    const full = portfolioJob.buildLp!(validScenario(input), { certificateTolerance: 1e-6 });
    expect(full.rowCount).toBeGreaterThan(3 * certificate.rows); // the master is a fraction of the full LP
    const lp = join(dir, 'full.lp'), sol = join(dir, 'full.sol');
    writeFileSync(lp, toCplexLp(full));
    execFileSync(glpsol.path!, ['--lp', lp, '-w', sol], { stdio: 'pipe' });
    const [, , , , pstat, , objective] = readFileSync(sol, 'utf8').split('\n').find((l) => l.startsWith('s bas'))!.split(' ');
    expect(pstat).toBe('f');
    expect(relDiff(Number(objective), certificate.lp.objective)).toBeLessThan(1e-7);
    expect(relDiff(Number(objective), certificate.upperBound)).toBeLessThan(1e-7);
    // and glpk.js on the same full model agrees
    const glpk = await loadLpBackend('glpk');
    expect(relDiff(glpk.solve(full).objective, Number(objective))).toBeLessThan(1e-9);
  });
});
