/**
 * The traffic job against closed forms: two routes with linear (β = 1) BPR
 * costs, where the equilibrium split equalises the route costs or leaves the
 * dearer route empty, and Braess's network, whose equilibrium with the extra
 * link is worse for everyone (the paradox). Frank–Wolfe and gradient
 * projection agree; the certificate fails when the iteration cap stops a method early.
 */
import { describe, expect, it } from 'vitest';
import { braess, solveTrafficJob, trafficScenario, twoRoutes, validTransport } from './support.ts';
import { roadGraph } from '../../../solver/transport/roadGraph.ts';
import { costs } from '../../../solver/transport/bpr.ts';
import { frankWolfe } from '../../../solver/transport/frankWolfe.ts';
import { wardropOfOriginFlows } from '../../../solver/transport/wardrop.ts';

const flow = (data: { links: { id: string; flowVehPerH: number }[] }, id: string) => data.links.find((l) => l.id === id)!.flowVehPerH;

describe('two routes', () => {
  for (const method of ['gradient-projection', 'frank-wolfe'] as const)
    it(`${method}: the split of 2000 veh/h equalises the route costs at 20 min (x₁ = x₂ = 1000)`, async () => {
      const r = await solveTrafficJob(trafficScenario(twoRoutes(2000)), { method, relativeGap: 1e-8 });
      expect(r.status).toBe('ok');
      expect(flow(r.data!, 'OA')).toBeCloseTo(1000, 2);
      expect(flow(r.data!, 'OD')).toBeCloseTo(1000, 2);
      expect(r.data!.ods[0]!.costMin).toBeCloseTo(20, 5);
      expect(r.certificate!.relativeGap).toBeLessThanOrEqual(1e-8);
    });

  it('other demands follow x₁ = (5 + 0.005·D)/0.015, both methods', async () => {
    for (const D of [800, 3000, 5000]) {
      const r = await solveTrafficJob(trafficScenario(twoRoutes(D)), { method: 'both', relativeGap: 1e-9 });
      const x1 = (5 + 0.005 * D) / 0.015;
      expect(r.status).toBe('ok');
      expect(flow(r.data!, 'OA')).toBeCloseTo(x1, 2);
      expect(r.data!.ods[0]!.costMin).toBeCloseTo(10 + 0.01 * x1, 4);
      expect(r.data!.agreement!.maxLinkFlowDiffVehPerH).toBeLessThan(0.05);
    }
  });

  it('a small demand uses route 1 only: route 2 is dearer even empty (15 > 10 + 0.01·200)', async () => {
    const r = await solveTrafficJob(trafficScenario(twoRoutes(200)), { method: 'both' });
    expect(r.status).toBe('ok');
    expect(flow(r.data!, 'OA')).toBeCloseTo(200, 6);
    expect(flow(r.data!, 'OD')).toBeCloseTo(0, 6);
    expect(r.data!.ods[0]!.costMin).toBeCloseTo(12, 8);
    expect(r.data!.ods[0]!.paths).toHaveLength(1);
  });
});

describe("Braess's paradox", () => {
  it('without the bridge: 2000 veh/h on each route, 105 min', async () => {
    const r = await solveTrafficJob(trafficScenario(braess(false)), { method: 'both', relativeGap: 1e-8 });
    expect(r.status).toBe('ok');
    for (const id of ['SA', 'AE', 'SB', 'BE']) expect(flow(r.data!, id)).toBeCloseTo(2000, 1);
    expect(r.data!.ods[0]!.costMin).toBeCloseTo(105, 5);
  });

  it('with the free bridge A→B everyone takes S→A→B→E and every trip takes 120 min: worse for all', async () => {
    const before = await solveTrafficJob(trafficScenario(braess(false)), { method: 'both' });
    const after = await solveTrafficJob(trafficScenario(braess(true)), { method: 'both', relativeGap: 1e-8 });
    expect(after.status).toBe('ok');
    expect(flow(after.data!, 'AB')).toBeCloseTo(4000, 1);
    expect(flow(after.data!, 'AE')).toBeCloseTo(0, 1);
    expect(after.data!.ods[0]!.costMin).toBeCloseTo(120, 4);
    expect(after.data!.ods[0]!.paths!.map((p) => p.nodes.join(''))).toEqual(['SABE']);
    expect(after.data!.averageTripMin).toBeGreaterThan(before.data!.averageTripMin + 14.9);
    expect(after.data!.totalTravelTimeVehMin).toBeCloseTo(4000 * 120, 0);
  });
});

describe('certificate', () => {
  it('a Frank–Wolfe stopped by its cap before the gap is not converged, with the gap it reached', async () => {
    const r = await solveTrafficJob(trafficScenario(twoRoutes(2000)), { method: 'frank-wolfe', maxFrankWolfeIterations: 1, relativeGap: 1e-10 });
    expect(r.status).toBe('not-converged');
    expect(r.error?.message).toMatch(/frank-wolfe stopped at/);
  });

  it('one method short of the gap leaves the answer uncertified, naming it', async () => {
    const r = await solveTrafficJob(trafficScenario(braess(false)), { method: 'both', maxFrankWolfeIterations: 1, relativeGap: 1e-6 });
    expect(r.status).toBe('uncertified');
    expect(r.verdict!.reason).toMatch(/frank-wolfe/);
  });

  it('the origin-flow Wardrop check catches flow left on a dearer path', () => {
    const g = roadGraph(validTransport(trafficScenario(twoRoutes(200))));
    // 150 on route 1 (11.5 min), 50 on route 2 (15.25 min): route 2 is used and 33 % dearer
    const x = Float64Array.from([150, 150, 50]);
    const check = wardropOfOriginFlows(g, x, costs(g, x, new Float64Array(3)), 1e-3);
    expect(check.maxRelativeExcess).toBeCloseTo((15.25 - 11.5) / 11.5, 9);
  });

  it('Frank–Wolfe on Braess: its origin flows pass the Wardrop check at the equilibrium', () => {
    const g = roadGraph(validTransport(trafficScenario(braess(true))));
    const gen = frankWolfe(g, { relativeGap: 1e-9, maxIterations: 10_000 });
    let step = gen.next();
    while (!step.done) step = gen.next();
    const r = step.value;
    expect(r.converged).toBe(true);
    const check = wardropOfOriginFlows(g, r.originFlows, costs(g, r.x, new Float64Array(r.x.length)), 1e-3);
    expect(check.maxRelativeExcess).toBeLessThan(1e-3);
  });
});

describe('validation', () => {
  it('refuses unreachable pairs, unknown nodes and duplicate pairs with their field paths', async () => {
    const t = twoRoutes(100);
    t.links = t.links!.filter((l) => l.id !== 'OD' && l.id !== 'AD');
    t.links.push({ id: 'X', from: 'O', to: 'Q', freeFlowMin: 1, capacityVehPerH: 1 });
    t.demand.push({ from: 'O', to: 'D', vehPerH: 5 });
    const r = await solveTrafficJob(trafficScenario(t));
    expect(r.status).toBe('invalid');
    const messages = r.error!.issues!.map((i) => `${i.path}: ${i.message}`);
    expect(messages).toContain('transport.links[1].to: node "Q" does not exist');
    expect(messages).toContain('transport.demand[1]: the pair O → D is listed twice (also transport.demand[0]); give each pair one row');
  });

  it('refuses a destination that only a zone centroid connects', async () => {
    const t = twoRoutes(100);
    t.links = t.links!.filter((l) => l.id !== 'OD');
    t.nodes[1] = { ...t.nodes[1]!, through: false };
    const r = await solveTrafficJob(trafficScenario(t));
    expect(r.status).toBe('invalid');
    expect(r.error!.issues!.map((i) => i.path)).toEqual(['transport.demand[0].to']);
  });

  it('a scenario without a road network is refused by the job, naming the section', async () => {
    const s = trafficScenario(twoRoutes(1));
    delete s.transport;
    const r = await solveTrafficJob(s);
    expect(r.status).toBe('invalid');
    expect(r.error!.path).toBe('transport');
  });
});

describe('the Riverside sample', () => {
  it('is the grid-city generator’s output, so the docs’ recipe stays true', async () => {
    const { readFileSync } = await import('node:fs');
    const { gridCity, RIVERSIDE } = await import('../../../solver/transport/gridCity.ts');
    const asset = JSON.parse(readFileSync(new URL('../../../assets/scenarios/riverside-traffic.ggs.json', import.meta.url), 'utf8'));
    expect(asset).toEqual(JSON.parse(JSON.stringify(gridCity(RIVERSIDE))));
  });

  it('Frank–Wolfe and gradient projection reach 1e-4 and agree: same objective to 1e-4, link flows within 1 % of the largest', async () => {
    const { readFileSync } = await import('node:fs');
    const scenario = JSON.parse(readFileSync(new URL('../../../assets/scenarios/riverside-traffic.ggs.json', import.meta.url), 'utf8'));
    const r = await solveTrafficJob(scenario, { method: 'both' });
    expect(r.status).toBe('ok');
    const [gp, fw] = r.data!.convergence;
    expect(gp!.gaps.at(-1)).toBeLessThanOrEqual(1e-4);
    expect(fw!.gaps.at(-1)).toBeLessThanOrEqual(1e-4);
    expect(Math.abs(gp!.objective - fw!.objective) / gp!.objective).toBeLessThan(1e-4);
    expect(r.data!.agreement!.relative).toBeLessThan(0.01);
    expect(gp!.iterations).toBeLessThan(fw!.iterations);
    // the river is crossed only on the bridges (rows 1 and 4: links 6↔7 and 18↔19), which are congested
    const bridge = r.data!.links.filter((l) => ['6-7', '7-6', '18-19', '19-18'].includes(l.id));
    expect(Math.min(...bridge.map((l) => l.vc))).toBeGreaterThan(0.8);
    expect(r.certificate!.maxDemandResidual).toBeLessThan(1e-6);
  });
});
