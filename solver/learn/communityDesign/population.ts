/**
 * A population for community design (MODELS.md §11, ET-ANN): households on
 * a radial low-voltage feeder, each one day of the shipped metered building
 * (profiles.ts) with its PV scaled or removed, as the learning community
 * draws them (community.ts), plus where it hangs on the feeder.
 *
 * The feeder is drawn from the seed: bus 0 is the substation, bus b > 0
 * hangs on an earlier bus (a random tree, so branches form), every line has
 * an impedance |z| in ohms. Households are spread over buses 1..B−1. A
 * feeder drawn this way (rather than read from a scenario's network) lets
 * the chooser's training populations vary the feeder's size and shape.
 */
import { rngOf } from '../../forecast/random.ts';
import { QUARTERS, type DayProfile } from '../profiles.ts';

export interface Feeder {
  /** parent[b]: the bus that bus b hangs on (−1 for the substation, bus 0) */
  parent: number[];
  /** |z| in ohms of the line from parent[b] to b (0 for the substation) */
  impedance: number[];
}

export interface DesignHousehold {
  id: string;
  bus: number;
  pvScale: number;
  /** kWh per quarter-hour: load − PV (positive: a buyer) */
  net: number[];
  load: number[];
  pv: number[];
}

export interface Population {
  households: DesignHousehold[];
  feeder: Feeder;
}

export interface PopulationSpec {
  households: number;
  pvShare: number;
  /** buses of the feeder, the substation included (≥ 2) */
  buses: number;
  /** quarter-hours evaluated, spread evenly over the day (96: all of them; fewer keep tests and sweeps cheap) */
  steps: number;
}

/** ohms per line: a short LV cable section */
const LINE_OHMS: [number, number] = [0.02, 0.12];

export function makeFeeder(buses: number, seed: number): Feeder {
  if (!(buses >= 2)) throw new RangeError(`a feeder needs at least 2 buses (has ${buses})`);
  const rng = rngOf(seed ^ 0xfeed);
  const parent = [-1], impedance = [0];
  for (let b = 1; b < buses; b++) {
    // mostly extend the latest bus (a long main line), sometimes branch off an earlier one
    parent.push(rng.next() < 0.6 ? b - 1 : rng.int(b));
    impedance.push(LINE_OHMS[0] + (LINE_OHMS[1] - LINE_OHMS[0]) * rng.next());
  }
  return { parent, impedance };
}

/** Household i lives day (i·7 + offset) mod D; the first ⌈pvShare·n⌉ (in id order) have PV scaled by [0.6, 1.4]. */
export function makePopulation(days: readonly DayProfile[], spec: PopulationSpec, seed: number): Population {
  if (days.length === 0) throw new RangeError('community design needs at least one complete day of load and PV');
  if (!(spec.households >= 2)) throw new RangeError(`community design needs at least 2 households (has ${spec.households})`);
  if (!(spec.steps >= 1 && spec.steps <= QUARTERS)) throw new RangeError(`steps must be 1–${QUARTERS} (is ${spec.steps})`);
  const rng = rngOf(seed ^ 0x9e0);
  const feeder = makeFeeder(spec.buses, seed);
  const offset = rng.int(days.length);
  const sampled = Array.from({ length: spec.steps }, (_, j) => Math.floor((j * QUARTERS) / spec.steps));
  const households = Array.from({ length: spec.households }, (_, i): DesignHousehold => {
    const day = days[(offset + 7 * i) % days.length]!;
    const pvScale = (i + 0.5) / spec.households <= spec.pvShare ? 0.6 + 0.8 * rng.next() : 0;
    const bus = 1 + rng.int(spec.buses - 1);
    const load = sampled.map((q) => day.load[q]!), pv = sampled.map((q) => pvScale * day.pv[q]!);
    return { id: `h${i + 1}`, bus, pvScale, load, pv, net: load.map((l, t) => l - pv[t]!) };
  });
  return { households, feeder };
}
