/**
 * Cross-checks of the `vpps` and `market` sections that zod cannot express:
 * unique ids, buses and profiles that exist, ordered comfort bands and SOC
 * limits, and a market whose inverse demand slopes downwards in every period.
 */
import type { Scenario, Series, ComfortBand } from './schema.ts';

type Add = (path: ReadonlyArray<PropertyKey>, message: string) => void;

/** Values of a series for per-period checks; undefined when a profile is missing (reported elsewhere). */
function valuesOf(s: Scenario, series: Series): readonly number[] | undefined {
  if (typeof series === 'number') return new Array<number>(s.time.T).fill(series);
  const profile = s.profiles.find((p) => p.id === series.profile);
  return profile && profile.values.length === s.time.T ? profile.values : undefined;
}

function checkBand(band: ComfortBand, at: PropertyKey[], add: Add): void {
  if (band.minC > band.maxC) add([...at, 'minC'], `must not exceed maxC (${band.maxC} °C)`);
}

export function crossCheckVpps(s: Scenario, busIds: ReadonlyMap<string, number>, add: Add, checkSeries: (path: PropertyKey[], series: Series) => void): void {
  const vppIds = new Map<string, number>();
  const buildingIds = new Map<string, string>();
  s.vpps.forEach((v, i) => {
    const at = ['vpps', i];
    if (vppIds.has(v.id)) add([...at, 'id'], `VPP id "${v.id}" is used twice (also vpps[${vppIds.get(v.id)}])`);
    else vppIds.set(v.id, i);
    if (!busIds.has(v.busId)) add([...at, 'busId'], `bus "${v.busId}" does not exist`);
    checkSeries([...at, 'pvProfile'], v.pvProfile);
    checkSeries([...at, 'otherLoadKw'], v.otherLoadKw);
    checkSeries([...at, 'outdoorTempC'], v.outdoorTempC);
    const b = v.battery;
    if (b) {
      if (b.socMin > b.socMax) add([...at, 'battery', 'socMin'], `must not exceed socMax (${b.socMax})`);
      else if (b.socInitial < b.socMin || b.socInitial > b.socMax) add([...at, 'battery', 'socInitial'], `must lie between socMin (${b.socMin}) and socMax (${b.socMax})`);
    }
    v.buildings.forEach((bd, j) => {
      const bat = [...at, 'buildings', j];
      const seen = buildingIds.get(bd.id);
      if (seen !== undefined) add([...bat, 'id'], `building id "${bd.id}" is used twice (also ${seen})`);
      else buildingIds.set(bd.id, `vpps[${i}].buildings[${j}]`);
      checkBand(bd.comfort, [...bat, 'comfort'], add);
      if (bd.comfortUnoccupied) checkBand(bd.comfortUnoccupied, [...bat, 'comfortUnoccupied'], add);
      if (bd.setpointC < bd.comfort.minC || bd.setpointC > bd.comfort.maxC)
        add([...bat, 'setpointC'], `must lie inside the occupied comfort band (${bd.comfort.minC}–${bd.comfort.maxC} °C)`);
      checkSeries([...bat, 'occupancy'], bd.occupancy);
      checkSeries([...bat, 'internalGainsKw'], bd.internalGainsKw);
    });
  });

  const m = s.market;
  if (!m) return;
  checkSeries(['market', 'retailPricePerKwh'], m.retailPricePerKwh);
  checkSeries(['market', 'feedInPricePerKwh'], m.feedInPricePerKwh);
  checkSeries(['market', 'buyerDemandKw'], m.buyerDemandKw);
  const r = valuesOf(s, m.retailPricePerKwh), w = valuesOf(s, m.feedInPricePerKwh), d = valuesOf(s, m.buyerDemandKw);
  // the inverse demand must fall from r_t to w_t over a positive demand, or the P2P price is undefined
  const badPrice = r && w ? r.findIndex((rt, t) => !(w[t]! < rt)) : -1;
  if (badPrice >= 0) add(['market', 'feedInPricePerKwh'], `must be below the retail price in every period (t=${badPrice}: ${w![badPrice]} vs ${r![badPrice]})`);
  const badDemand = d ? d.findIndex((dt) => !(dt > 0)) : -1;
  if (badDemand >= 0) add(['market', 'buyerDemandKw'], `must be positive in every period (t=${badDemand}: ${d![badDemand]})`);
}
