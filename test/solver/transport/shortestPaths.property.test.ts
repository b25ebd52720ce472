/**
 * Dijkstra with the binary heap against Bellman–Ford on random directed
 * graphs (fast-check), zone centroids included: the same distances, and a
 * predecessor tree whose paths have exactly those lengths. And on random
 * grid cities, Frank–Wolfe and gradient projection reach the same Beckmann
 * objective (the equilibrium is unique in link flows).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roadGraph } from '../../../solver/transport/roadGraph.ts';
import { Dijkstra } from '../../../solver/transport/shortestPaths.ts';
import { gridCity } from '../../../solver/transport/gridCity.ts';
import { solveTrafficJob, validTransport, trafficScenario } from './support.ts';

const graphArb = fc
  .integer({ min: 2, max: 12 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      links: fc.array(fc.record({ from: fc.integer({ min: 0, max: n - 1 }), to: fc.integer({ min: 0, max: n - 1 }), cost: fc.double({ min: 0, max: 50, noNaN: true }) }), { minLength: 1, maxLength: 40 }),
      zones: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      origin: fc.integer({ min: 0, max: n - 1 }),
    }),
  );

function bellmanFord(n: number, links: { from: number; to: number; cost: number }[], through: boolean[], origin: number): number[] {
  const d = Array<number>(n).fill(Infinity);
  d[origin] = 0;
  for (let k = 0; k < n; k++)
    for (const l of links) if ((l.from === origin || through[l.from]) && d[l.from]! + l.cost < d[l.to]!) d[l.to] = d[l.from]! + l.cost;
  return d;
}

describe('shortest paths', () => {
  it('Dijkstra = Bellman–Ford, and the tree realises the distances', () => {
    fc.assert(
      fc.property(graphArb, ({ n, links, zones, origin }) => {
        const ok = links.filter((l) => l.from !== l.to);
        if (ok.length === 0) return;
        const t = validTransport(
          trafficScenario({
            nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, x: i, y: 0, through: !zones[i] })),
            links: ok.map((l, k) => ({ id: `a${k}`, from: `n${l.from}`, to: `n${l.to}`, freeFlowMin: l.cost, capacityVehPerH: 1 })),
            demand: [{ from: `n${ok[0]!.from}`, to: `n${ok[0]!.to}`, vehPerH: 0 }],
          }),
        );
        const g = roadGraph(t);
        const cost = Float64Array.from(ok, (l) => l.cost);
        const tree = new Dijkstra(g).run(origin, cost);
        const want = bellmanFord(n, ok, zones.map((z) => !z), origin);
        for (let i = 0; i < n; i++) {
          if (want[i] === Infinity) expect(tree.dist[i]).toBe(Infinity);
          else expect(tree.dist[i]).toBeCloseTo(want[i]!, 9);
          if (i !== origin && want[i] !== Infinity) {
            let len = 0;
            for (let j = i, a = tree.predLink[j]!; a >= 0; j = g.from[a]!, a = tree.predLink[j]!) len += cost[a]!;
            expect(len).toBeCloseTo(want[i]!, 9);
          }
        }
      }),
      { numRuns: 200, seed: 20 },
    );
  });
});

describe('the two assignment methods', () => {
  it('reach the same Beckmann objective on random grid cities', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 500, max: 12_000 }), async (rows, cols, total) => {
        const r = await solveTrafficJob(gridCity({ name: 'g', rows, cols, blockKm: 1, arterialEvery: 2, totalVehPerH: total }), { method: 'both', relativeGap: 1e-6 });
        expect(r.status === 'ok' || r.status === 'uncertified').toBe(true);
        const [gp, fw] = r.data!.convergence;
        // both within 1e-6 of the optimum's gap: their objectives agree to far better than that relative to travel time
        expect(Math.abs(gp!.objective - fw!.objective)).toBeLessThan(1e-5 * gp!.objective);
      }),
      { numRuns: 12, seed: 7 },
    );
  });
});
