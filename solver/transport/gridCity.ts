/**
 * A made-up grid city, deterministic (no randomness): the sample network
 * "Riverside" (assets/scenarios/riverside-traffic.ggs.json) and the bench's
 * large cities. Blocks of `blockKm`; every `arterialEvery`-th street is an
 * arterial (50 km/h, 1800 veh/h per direction), the others local streets
 * (30 km/h, 600 veh/h); a river may run north–south east of column
 * `river.afterColumn`, crossed only at the rows of `river.bridges`. Every
 * node is a zone. Trips follow a gravity model: d_ij ∝ w_i·w_j / (1 + km_ij)²,
 * w = 1 + 3·exp(−(km to the centre / (0.3·city size))²) (a denser downtown),
 * scaled so that they add up to `totalVehPerH`. Docs: docs/models/transport.md.
 */
import type { ScenarioInput } from '../scenario/schema.ts';

export interface GridCitySpec {
  name: string;
  rows: number;
  cols: number;
  blockKm: number;
  arterialEvery: number;
  river?: { afterColumn: number; bridges: number[] };
  totalVehPerH: number;
  /** zones every k-th node in each direction (1 = every node a zone) */
  zoneEvery?: number;
}

const round = (x: number, digits = 4) => Number(x.toFixed(digits));

export function gridCity(spec: GridCitySpec): ScenarioInput {
  const { rows, cols, blockKm, arterialEvery } = spec;
  const id = (r: number, c: number) => String(r * cols + c + 1);
  const nodes = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) nodes.push({ id: id(r, c), x: round(c * blockKm), y: round((rows - 1 - r) * blockKm) });
  const links: NonNullable<ScenarioInput['transport']>['links'] = [];
  const street = (a: string, b: string, arterial: boolean) => {
    const kmh = arterial ? 50 : 30;
    for (const [from, to] of [[a, b], [b, a]] as const)
      links.push({ id: `${from}-${to}`, from, to, freeFlowMin: round((blockKm / kmh) * 60), capacityVehPerH: arterial ? 1800 : 600, length: blockKm });
  };
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols) {
        const crossesRiver = spec.river !== undefined && c === spec.river.afterColumn;
        if (!crossesRiver || spec.river!.bridges.includes(r)) street(id(r, c), id(r, c + 1), r % arterialEvery === 0 || crossesRiver);
      }
      if (r + 1 < rows) street(id(r, c), id(r + 1, c), c % arterialEvery === 0);
    }
  const every = spec.zoneEvery ?? 1;
  const zones = nodes.filter((_, k) => Math.floor(k / cols) % every === 0 && (k % cols) % every === 0);
  const cx = ((cols - 1) * blockKm) / 2, cy = ((rows - 1) * blockKm) / 2;
  const size = Math.max(rows, cols) * blockKm;
  const weight = (n: { x: number; y: number }) => 1 + 3 * Math.exp(-(((n.x - cx) ** 2 + (n.y - cy) ** 2) / (0.3 * size) ** 2));
  const raw: { from: string; to: string; v: number }[] = [];
  for (const a of zones)
    for (const b of zones) {
      if (a === b) continue;
      const km = Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
      raw.push({ from: a.id, to: b.id, v: (weight(a) * weight(b)) / (1 + km) ** 2 });
    }
  const scale = spec.totalVehPerH / raw.reduce((s, d) => s + d.v, 0);
  const demand = raw.map((d) => ({ from: d.from, to: d.to, vehPerH: round(d.v * scale, 2) })).filter((d) => d.vehPerH > 0);
  return {
    schemaVersion: 1,
    metadata: {
      name: spec.name,
      description: `A made-up grid city of ${rows}×${cols} blocks of ${blockKm} km (${nodes.length} nodes, ${links.length} links${spec.river ? `, a river crossed by ${spec.river.bridges.length} bridges` : ''}) with ${demand.length} gravity-model trips totalling about ${spec.totalVehPerH} veh/h (solver/transport/gridCity.ts).`,
      tags: ['transport', 'sample'],
      job: 'traffic',
    },
    time: { T: 1, dtHours: 1, start: '2026-01-01T08:00' },
    profiles: [],
    network: { baseKv: 12.47, substation: { busId: 'grid' }, buses: [{ id: 'grid', name: 'Placeholder (no power network)' }], lines: [] },
    transport: { nodes, links, demand, source: 'solver/transport/gridCity.ts' },
  };
}

/** The shipped sample: 24 nodes like Sioux Falls, a river with two bridges as the bottleneck. */
export const RIVERSIDE: GridCitySpec = { name: 'Riverside (sample city)', rows: 6, cols: 4, blockKm: 1, arterialEvery: 3, river: { afterColumn: 1, bridges: [1, 4] }, totalVehPerH: 18000 };
