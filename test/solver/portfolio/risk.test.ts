/** Historical VaR/CVaR: by hand, and equal to the Rockafellar–Uryasev minimum over η. */
import { describe, expect, it } from 'vitest';
import { riskMetrics } from '../../../solver/portfolio/risk.ts';
import { createRng } from '../../../solver/portfolio/rng.ts';

describe('riskMetrics', () => {
  it('on ten costs at α = 0.8: VaR is the 8th smallest, CVaR the mean of the two largest', () => {
    const costs = [5, 1, 9, 3, 7, 2, 10, 4, 8, 6];
    const m = riskMetrics(costs, 0.8);
    expect(m.var).toBe(8);
    expect(m.cvar).toBeCloseTo(9.5, 12); // (1 − 0.8)·10 is not exactly 2 in floating point
    expect(m.expected).toBeCloseTo(5.5, 12);
    expect(m.std).toBeCloseTo(Math.sqrt(82.5 / 9), 12);
  });

  it('weights the quantile scenario by its fraction when (1 − α)S is not whole: α = 0.75 on 10 costs', () => {
    // k = ⌈7.5⌉ = 8: tail mass 2.5 = 0.5·c(8) + c(9) + c(10)
    expect(riskMetrics([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.75).cvar).toBeCloseTo((0.5 * 8 + 9 + 10) / 2.5, 12);
  });

  it('equals min over η of η + Σ(c − η)⁺/((1 − α)S) on random samples (the minimum sits at a sample point)', () => {
    const rng = createRng(11);
    for (const [S, alpha] of [[7, 0.5], [100, 0.95], [333, 0.9], [40, 0.975]] as const) {
      const costs = Array.from({ length: S }, () => 100 * rng.normal() + (rng.next() < 0.1 ? 400 : 0));
      const ru = Math.min(...costs.map((eta) => eta + costs.reduce((s, c) => s + Math.max(c - eta, 0), 0) / ((1 - alpha) * S)));
      expect(Math.abs(riskMetrics(costs, alpha).cvar - ru)).toBeLessThan(1e-9 * Math.abs(ru));
    }
  });
});
