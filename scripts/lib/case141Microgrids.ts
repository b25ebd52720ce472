/**
 * The microgrid benchmark case: case141 over a day in quarter-hours
 * (case141Day, without its own DERs) with 20 microgrids spread along the
 * feeder, four kinds in turn (PV + battery homes, a CHP campus, an
 * industrial park, a PV village), each trading with its two neighbours on
 * either side in the list (40 pairs). Used by scripts/bench/microgrids.ts.
 */
import type { ScenarioInput } from '../../solver/scenario/schema.ts';
import { case141Day } from './case141Day.ts';

export function case141Microgrids(root: string, count = 20): ScenarioInput {
  const day = case141Day(root);
  const buses = day.network.buses;
  const at = (k: number) => buses[Math.floor(((k + 1) * (buses.length - 1)) / (count + 1))]!.id;
  const ids = Array.from({ length: count }, (_, k) => `mg${k + 1}`);
  const partners = (k: number) =>
    [-2, -1, 1, 2].map((d) => (k + d + count) % count).filter((j, i, a) => j !== k && a.indexOf(j) === i).map((j) => ({ microgrid: ids[j]!, costPerKwh: 0.004 }));
  const profiles = day.profiles!;
  const loadOf = (shape: string, peak: number) => ({ profile: `${shape}-${peak}` });
  const extra = new Map<string, number[]>();
  const microgrids = ids.map((id, k) => {
    const kind = k % 4;
    const shape = kind === 1 || kind === 2 ? 'commercial' : 'residential';
    const peak = [250, 350, 450, 200][kind]!;
    extra.set(`${shape}-${peak}`, profiles.find((p) => p.id === shape)!.values.map((v) => Math.round(v * peak * 1000) / 1000));
    return {
      id,
      busId: at(k),
      loadKw: loadOf(shape, peak),
      pvKwp: [500, 100, 0, 300][kind]!,
      pvProfile: { profile: 'pv' },
      ...(kind === 1 ? { generator: { pMaxKw: 300, costQuadraticPerKw2h: 0.0002, costLinearPerKwh: 0.1, rampKwPerH: 100 } } : {}),
      ...(kind === 2 ? { generator: { pMaxKw: 250, costQuadraticPerKw2h: 0.0003, costLinearPerKwh: 0.15, rampKwPerH: 80 } } : {}),
      ...(kind === 0 || kind === 3 ? { battery: { kwh: kind === 0 ? 400 : 200, kw: kind === 0 ? 120 : 60, degradationCostPerKwh: 0.01 } } : {}),
      adn: { buyPricePerKwh: { profile: 'import-price' }, sellPricePerKwh: 0.04 },
      partners: partners(k),
    };
  });
  return {
    ...day,
    metadata: { name: `case141 with ${count} microgrids (96 × 15 min)`, job: 'mg-bargaining' },
    profiles: [...profiles, ...[...extra].map(([id, values]) => ({ id, kind: 'load' as const, unit: 'kW', values }))],
    network: { ...day.network, der: { pv: [], batteries: [], generators: [] } },
    microgrids,
    // ρ for quarter-hours: the default 0.005 is per period and suits hourly prices; ×Δt = 0.25 keeps the
    // penalty in step with per-period costs (measured: 186 iterations, gap 8.7e-7, against 358 and 2.8e-4)
    // over-relaxation α = 1.6 (Boyd et al. §3.4.3): 139 iterations against 186 at α = 1, same ρ (docs/models/microgrids.md);
    // then ρ halved to 0.000625 with α = 1.6: 98 iterations (gap 6.6e-7) — its first QP step used to cycle into the 60 s
    // limit when it started cold; it starts warm from the stand-alone vertex now (highsBackend.ts). 0.0003: > 120, stalling.
    microgridCoordination: { admm: { rho: 0.000625, overRelaxation: 1.6 } },
  };
}
