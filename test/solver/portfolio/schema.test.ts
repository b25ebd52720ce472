/** The portfolio section of the scenario: the sample validates; cross-checks answer with paths and sentences. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { toyScenario } from './fixtures.ts';

const issuesOf = (input: unknown) => {
  const v = validateScenario(input);
  return v.ok ? [] : v.issues;
};

describe('portfolio schema', () => {
  it('accepts the sample retailer-portfolio scenario', () => {
    const sample = JSON.parse(readFileSync('assets/scenarios/retailer-portfolio.ggs.json', 'utf8'));
    expect(issuesOf(sample)).toEqual([]);
  });

  it('cross-checks contracts, imported scenarios and risk settings with JSON paths', () => {
    const doc = toyScenario({ lambda: 1, cvarLimit: 10 }) as { portfolio: Record<string, unknown> & { contracts: Record<string, unknown>[] } };
    doc.portfolio.contracts.push({ id: 'base', shape: 'custom', pricePerKwh: 0.1, minKw: 5, maxKw: 1 });
    doc.portfolio.scenarios = { kind: 'imported', pricePerKwh: [[0.1], [0.2, 0.3]], demandKw: [[-1]] };
    expect(issuesOf(doc)).toEqual([
      { path: 'portfolio.contracts[1].id', message: 'contract id "base" is used twice (also portfolio.contracts[0])' },
      { path: 'portfolio.contracts[1].minKw', message: 'must not exceed maxKw (1)' },
      { path: 'portfolio.contracts[1].profile', message: 'a custom-shaped contract needs a delivery profile' },
      { path: 'portfolio.scenarios.demandKw', message: 'holds 1 scenarios but pricePerKwh holds 2' },
      { path: 'portfolio.scenarios.pricePerKwh[1]', message: 'holds 2 values but the horizon time.T is 1' },
      { path: 'portfolio.scenarios.demandKw[0]', message: 'holds a negative demand' },
      { path: 'portfolio.risk.cvarLimit', message: 'set either lambda (risk weight) or cvarLimit (risk cap), not both' },
    ]);
  });

  it('reports shapes of the wrong length by path', () => {
    const doc = toyScenario({}) as { portfolio: { spotPrice: Record<string, unknown> } };
    doc.portfolio.spotPrice.hourShape = [1, 2];
    expect(issuesOf(doc)).toContainEqual({ path: 'portfolio.spotPrice.hourShape', message: 'must hold 24 values, one per hour of day' });
  });
});
