/**
 * A bid book drawn from the scenario's own entities (issue 14, must-have 1:
 * "generators … from the scenario's prosumers and VPPs"): every entity that
 * consumes or produces energy bids its net energy in each period, as a buyer
 * when it is short and as a seller when it is long, at a reservation price
 * between the grid's tariffs.
 *
 * Entities and their net energy per period t (kWh = kW × dtHours):
 *  - prosumers: buses with PV (network.der.pv): load − PV, the load being
 *    pdKw × its load profile × network.loadScale, the PV kwp × irradiance
 *    capped by the inverter (no curtailment);
 *  - consumers: buses with load and no PV: the load (buyers only);
 *  - VPPs: other load + the buildings' AC power at constant set-point control
 *    (solver/vpp/building.ts setpointPowerKw, clipped to [0, acKw]) − PV; the
 *    battery is not used (a book is one period; storage would need the
 *    horizon);
 *  - generators (network.der.generators): sellers of pMaxKw, at their own
 *    marginal cost.
 *
 * Reservation prices: the tariffs bound what P2P trade is worth — nobody
 * short pays more than the retail price r_t (it would import instead), nobody
 * long accepts less than the feed-in price w_t (it would export instead).
 * Where in [w_t, r_t] an agent's price lies is its private information,
 * drawn uniformly and independently (the independent-private-values
 * setting the mechanisms assume), seeded: a buyer bids
 * r_t − spread·u·(r_t − w_t), a seller w_t + spread·u·(r_t − w_t), u uniform
 * on [0, 1) from one generator in a fixed order (entities, then periods);
 * spread 0 puts every buyer at r_t and every seller at w_t. A generator asks
 * max(its cost, w_t). The tariffs are the market section's retail and
 * feed-in prices when the scenario has one, else the substation's import and
 * export prices.
 *
 * Block books round each quantity to whole kWh (and drop the bids that round
 * to zero); divisible books keep it exactly.
 */
import { ENTITY_SOURCES, type Scenario } from '../scenario/schema.ts';
import { seriesValues } from '../scenario/series.ts';
import { SolverError } from '../jobs/errors.ts';
import { createRng } from '../whatif/random.ts';
import { resolveVpp } from '../vpp/inputs.ts';
import { setpointPowerKw } from '../vpp/building.ts';
import type { Bid, BidBook } from './book.ts';

export { ENTITY_SOURCES };
export type EntitySource = (typeof ENTITY_SOURCES)[number];

export interface EntityBookSpec {
  seed: number;
  /** which entities bid (default all four) */
  from: readonly EntitySource[];
  /** how far into the tariff band reservation prices are drawn: 1 over the whole band, 0 at the tariffs */
  spread: number;
}

/** One bidding entity: its id, bus, and signed net energy per period (kWh, + short, − long), or a fixed-price seller. */
export interface EntityNet {
  agent: string;
  source: EntitySource;
  bus: string;
  /** kWh per period: > 0 short (buys), < 0 long (sells) */
  netKwh: Float64Array;
  /** generators: their marginal cost, currency per kWh */
  cost?: number;
}

/** The net energy of every chosen entity per period (exported for the tests: the book must reproduce it). */
export function entityNets(scenario: Scenario, from: readonly EntitySource[]): EntityNet[] {
  const { T, dtHours } = scenario.time;
  const net = scenario.network;
  const profiles = new Map(scenario.profiles.map((p) => [p.id, p.values]));
  const pvAt = new Map<string, Float64Array>();
  for (const pv of net.der.pv) {
    const irr = seriesValues(scenario, pv.irradiance);
    const cap = pv.inverterKva ?? pv.kwp;
    const sum = pvAt.get(pv.busId) ?? new Float64Array(T);
    for (let t = 0; t < T; t++) sum[t]! += Math.min(pv.kwp * irr[t]!, cap);
    pvAt.set(pv.busId, sum);
  }
  const out: EntityNet[] = [];
  for (const bus of net.buses) {
    const pv = pvAt.get(bus.id);
    const source: EntitySource = pv ? 'prosumers' : 'consumers';
    if (!from.includes(source) || (!pv && !(bus.pdKw > 0))) continue;
    const shape = bus.loadProfile === undefined ? undefined : profiles.get(bus.loadProfile);
    const netKwh = Float64Array.from({ length: T }, (_, t) => (bus.pdKw * (shape?.[t] ?? 1) * net.loadScale - (pv?.[t] ?? 0)) * dtHours);
    out.push({ agent: bus.id, source, bus: bus.id, netKwh });
  }
  if (from.includes('vpps'))
    for (const vpp of scenario.vpps) {
      const v = resolveVpp(scenario, vpp, 'constant');
      const ac = v.buildings.map((b) => setpointPowerKw(b, dtHours).map((p) => Math.min(b.building.acKw, Math.max(0, p))));
      const netKwh = Float64Array.from({ length: T }, (_, t) => (v.otherLoadKw[t]! + ac.reduce((s, a) => s + a[t]!, 0) - v.pvKw[t]!) * dtHours);
      out.push({ agent: vpp.id, source: 'vpps', bus: vpp.busId, netKwh });
    }
  if (from.includes('generators'))
    for (const g of net.der.generators) out.push({ agent: g.id, source: 'generators', bus: g.busId, netKwh: new Float64Array(T).fill(-g.pMaxKw * dtHours), cost: g.costPerKwh });
  return out;
}

/** The retail (r_t) and feed-in (w_t) prices per period. */
export function tariffs(scenario: Scenario): { retail: Float64Array; feedIn: Float64Array } {
  const m = scenario.market, sub = scenario.network.substation;
  return {
    retail: seriesValues(scenario, m ? m.retailPricePerKwh : sub.importPricePerKwh),
    feedIn: seriesValues(scenario, m ? m.feedInPricePerKwh : sub.exportPricePerKwh),
  };
}

export function entityBook(scenario: Scenario, spec: EntityBookSpec, units: BidBook['units']): BidBook {
  const nets = entityNets(scenario, spec.from);
  const path = 'bidBook.entities.from';
  if (nets.length === 0)
    throw new SolverError({
      code: 'invalid-scenario',
      message: `the scenario has no ${spec.from.join(', ')} to draw bids from`,
      path,
      hint: 'prosumers are buses with PV (network.der.pv), consumers buses with load (network.buses[].pdKw), VPPs scenario.vpps, generators network.der.generators; add some, or give bidBook.bids',
    });
  const seen = new Map<string, EntitySource>();
  for (const n of nets) {
    const other = seen.get(n.agent);
    if (other) throw new SolverError({ code: 'invalid-scenario', message: `two bidding entities share the id "${n.agent}" (${other} and ${n.source}); the book needs one agent per entity`, path, hint: 'rename one of them, or leave its kind out of bidBook.entities.from' });
    seen.set(n.agent, n.source);
  }
  const { retail, feedIn } = tariffs(scenario);
  const rng = createRng(spec.seed);
  const bids: Bid[] = [];
  for (const n of nets)
    for (let t = 0; t < n.netKwh.length; t++) {
      const u = rng.next(); // drawn for every entity and period, so that one entity's change leaves the others' prices alone
      const raw = n.netKwh[t]!;
      const quantity = units === 'blocks' ? Math.round(Math.abs(raw)) : Math.abs(raw);
      if (!(quantity > 0)) continue;
      const r = retail[t]!, w = feedIn[t]!, band = Math.max(0, r - w);
      const side = raw > 0 ? 'buy' : 'sell';
      const price = n.cost !== undefined ? Math.max(n.cost, w) : side === 'buy' ? r - spec.spread * u * band : w + spec.spread * u * band;
      bids.push({ agent: n.agent, side, price, quantity, bus: n.bus, period: t + 1 });
    }
  if (bids.length === 0)
    throw new SolverError({ code: 'invalid-scenario', message: 'the scenario\'s entities are balanced in every period: nothing to bid', path, hint: 'add load or generation, or give bidBook.bids' });
  return { units, bids };
}
