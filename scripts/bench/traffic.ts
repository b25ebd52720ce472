/**
 * Traffic user equilibrium to relative gap 1e-4: Frank–Wolfe against path-based
 * gradient projection on the Riverside sample (24 nodes) and on generated
 * grid cities of 400 nodes (20 × 20, 100 zones, 9 900 OD pairs) and 1 000
 * nodes (25 × 40, 126 zones, 15 750 OD pairs; issue 20's size): wall time
 * and iterations per method, printed, never asserted. With the Sioux Falls TNTP
 * files (academic licence, not shipped) in $SIOUX_FALLS_DIR it runs them too.
 * Last, the coupled EV charging case (evcs-market on the Riverside + IEEE 123
 * sample) end to end: rounds, inner iterations, time.
 * Run: `npm run bench -- traffic`, or `npx tsx scripts/bench/traffic.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runJob } from '../../solver/jobs/run.ts';
import { gridCity, RIVERSIDE } from '../../solver/transport/gridCity.ts';
import { importTntp } from '../../solver/import/tntp.ts';
import type { ScenarioInput } from '../../solver/scenario/schema.ts';

/** the 1-minute load average: timings on a shared machine mean little without it */
const load = () => os.loadavg()[0]!.toFixed(1);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function bench(name: string, scenario: ScenarioInput): Promise<void> {
  for (const method of ['gradient-projection', 'frank-wolfe'] as const) {
    const t0 = performance.now();
    const r = await runJob({ kind: 'traffic', scenario, options: { method } });
    const ms = performance.now() - t0;
    const c = r.data?.convergence[0];
    console.log(`${name.padEnd(40)} ${method.padEnd(20)} ${r.status.padEnd(12)} ${String(c?.iterations ?? '-').padStart(6)} it  gap ${c?.gaps.at(-1)?.toExponential(2) ?? '-'}  ${ms.toFixed(0).padStart(7)} ms  Wardrop ${r.certificate?.maxWardropExcess.toExponential(2) ?? '-'}  max v/c ${r.data?.maxVc.vc.toFixed(2) ?? '-'}  load ${load()}`);
  }
}

await bench('Riverside (24 nodes, 552 ODs)', JSON.parse(readFileSync(path.join(root, 'assets/scenarios/riverside-traffic.ggs.json'), 'utf8')));
await bench('grid city 20×20 (400 nodes, 9900 ODs)', gridCity({ name: 'grid400', rows: 20, cols: 20, blockKm: 0.5, arterialEvery: 4, totalVehPerH: 120_000, zoneEvery: 2 }));
const sf = process.env.SIOUX_FALLS_DIR;
await bench('grid city 25×40 (1000 nodes, 15750 ODs)', gridCity({ name: 'grid1000', rows: 25, cols: 40, blockKm: 0.5, arterialEvery: 4, totalVehPerH: 250_000, zoneEvery: 3 }));
if (sf && existsSync(path.join(sf, 'SiouxFalls_net.tntp'))) {
  const read = (f: string) => ({ name: f, text: readFileSync(path.join(sf, f), 'utf8') });
  await bench('Sioux Falls (TNTP)', importTntp(read('SiouxFalls_net.tntp'), read('SiouxFalls_trips.tntp'), read('SiouxFalls_node.tntp')).scenario);
} else console.log('Sioux Falls: skipped (set SIOUX_FALLS_DIR to a folder with SiouxFalls_net.tntp, _trips.tntp, _node.tntp)');

// the coupled case end to end (docs/models/evcs.md): Riverside's roads and the IEEE 123 feeder, four stations,
// traffic ↔ ADMM market ↔ power flow until the prices settle
{
  const t0 = performance.now();
  const r = await runJob({ kind: 'evcs-market', scenario: JSON.parse(readFileSync(path.join(root, 'assets/scenarios/riverside-evcs.ggs.json'), 'utf8')) });
  const ms = performance.now() - t0;
  const rounds = r.data?.coupling.rounds ?? [];
  const admm = rounds.reduce((s, x) => s + x.admmIterations, 0), traffic = rounds.reduce((s, x) => s + x.trafficIterations, 0);
  console.log(`${'Riverside + IEEE 123, evcs-market'.padEnd(40)} ${'coupled'.padEnd(20)} ${r.status.padEnd(12)} ${String(rounds.length).padStart(6)} rounds (${traffic} traffic, ${admm} ADMM iterations)  residual ${r.certificate?.coupling.priceResidualPerKwh.toExponential(2) ?? '-'}  ${ms.toFixed(0).padStart(7)} ms  load ${load()}`);
}
