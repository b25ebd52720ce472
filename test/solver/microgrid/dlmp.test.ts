/**
 * P1's DLMPs (solver/microgrid/dlmp.ts) against finite differences of P1's
 * optimal social cost with respect to the load at a bus: a DLMP is a
 * subgradient, so it must lie between the one-sided differences, and equal
 * them where they agree.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import type { Scenario, ScenarioInput } from '../../../solver/scenario/schema.ts';
import { loadLpBackend } from '../../../solver/lp/index.ts';
import type { LpBackend } from '../../../solver/lp/backend.ts';
import { allMicrogridInputs } from '../../../solver/microgrid/inputs.ts';
import { buildP1, solveBuiltP1, solveP1 } from '../../../solver/microgrid/centralised.ts';
import { runJob } from '../../../solver/jobs/run.ts';
import { mgBargainingTables } from '../../../solver/jobs/kinds/mgBargaining.ts';

const SIDES = 12;

/** The classroom sample with line A–B rated low enough to bind: the diesel microgrid at B must run for what B and C draw beyond it. */
function congested(): Scenario {
  const doc = JSON.parse(readFileSync(new URL('../../../assets/scenarios/classroom-microgrids.ggs.json', import.meta.url), 'utf8')) as ScenarioInput & { network: { lines: { id: string; rateKva?: number }[] } };
  doc.network.lines.find((l) => l.id === 'AB')!.rateKva = 200;
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.value;
}

/** P1's optimal social cost with `deltaKw` more load at bus j in period t. */
function costWithLoad(lp: LpBackend, s: Scenario, j: number, t: number, deltaKw: number): number {
  const p1 = buildP1(s, allMicrogridInputs(s), true, SIDES);
  const net = p1.network!;
  p1.model.setRowBounds(net.balanceP[t]![j]!, { eq: net.loadKw[t]![j]! + deltaKw });
  return solveBuiltP1(lp, s, p1, SIDES).socialCost;
}

describe('P1 DLMPs', () => {
  let lp: LpBackend;
  beforeAll(async () => {
    lp = await loadLpBackend('highs');
  });

  it('match finite differences of the optimal cost with respect to a bus load, and decompose exactly', () => {
    const s = congested();
    const sol = solveP1(lp, s, allMicrogridInputs(s), true, SIDES);
    const d = sol.dlmp!;
    expect(d.decompositionResidual).toBeLessThan(1e-9);
    const dt = s.time.dtHours;
    const c = s.network.buses.findIndex((b) => b.id === 'C');
    // the congested line makes C's price differ from the substation's in some period
    const t = d.total.findIndex((row, k) => Math.abs(row[c]! - d.energy[k]!) > 1e-3);
    expect(t).toBeGreaterThanOrEqual(0);
    expect(Math.abs(d.congestion[t]![c]!)).toBeGreaterThan(1e-3);
    const delta = 0.5; // kW
    const base = sol.socialCost;
    const up = (costWithLoad(lp, s, c, t, delta) - base) / (delta * dt);
    const down = (base - costWithLoad(lp, s, c, t, -delta)) / (delta * dt);
    const tol = 1e-4 * Math.max(1, Math.abs(d.total[t]![c]!));
    expect(d.total[t]![c]!).toBeGreaterThanOrEqual(Math.min(up, down) - tol);
    expect(d.total[t]![c]!).toBeLessThanOrEqual(Math.max(up, down) + tol);
    // the diesel's quadratic cost makes the cost smooth here: the central difference is the DLMP
    expect((up + down) / 2).toBeCloseTo(d.total[t]![c]!, 6);
    // upstream of the congested line the price is the substation's
    const a = s.network.buses.findIndex((b) => b.id === 'A');
    expect(d.total[t]![a]!).toBeCloseTo(d.energy[t]!, 9);
  });

  it('are in the mg-bargaining result, [t][bus], zero on the sample whose LinDistFlow limits do not bind', async () => {
    const r = await runJob({ kind: 'mg-bargaining', scenario: JSON.parse(readFileSync(new URL('../../../assets/scenarios/classroom-microgrids.ggs.json', import.meta.url), 'utf8')), options: { admm: false, networkSafety: false } });
    expect(r.status, r.message).toBe('ok');
    const d = r.data!.dlmp!;
    expect(d.total).toHaveLength(r.data!.T);
    for (const row of d.total) expect(row).toHaveLength(r.data!.busIds.length);
    expect(Math.max(...d.total.flat().map(Math.abs))).toBeLessThan(1e-9);
    // and in the CLI's dlmp.csv, one row per period and bus
    const table = mgBargainingTables(r.data!).dlmp;
    expect(table.rows).toHaveLength(r.data!.T * r.data!.busIds.length);
    expect(table.rows[1]!.slice(0, 2)).toEqual([0, r.data!.busIds[1]]);
  });
});
