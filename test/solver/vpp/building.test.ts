import { beforeAll, describe, expect, it } from 'vitest';
import { addBuildingRows, comfortConflict, setpointPowerKw, simulateBuilding, type BuildingInputs } from '../../../solver/vpp/building.ts';
import { loadLpBackend, type LpBackend } from '../../../solver/lp/backend.ts';
import { LpModel } from '../../../solver/lp/model.ts';
import { solveOptimal } from '../../../solver/lp/solveOptimal.ts';
import { Building } from '../../../solver/scenario/schema.ts';

/** A 4000 m² office: R = 0.05 °C/kW, C = 200 kWh/°C (time constant 10 h), 160 kW of AC at COP 3.5. */
function office(over: Partial<BuildingInputs> = {}, T = 24, extra: object = {}): BuildingInputs {
  const building = Building.parse({ id: 'office', floorAreaM2: 4000, rCPerKw: 0.05, cKwhPerC: 200, acKw: 160, cop: 3.5, setpointC: 24, comfort: { minC: 22, maxC: 26 }, ...extra });
  const hours = Array.from({ length: T }, (_, t) => t);
  const occupied = hours.map((h) => h >= 8 && h < 18);
  return {
    building,
    outdoorC: Float64Array.from(hours, (h) => 29 + 5 * Math.cos((2 * Math.PI * (h - 15)) / 24)),
    gainsKw: Float64Array.from(occupied, (o) => (o ? 80 : 20)),
    occupied,
    minC: Float64Array.from(occupied, (o) => (o ? 22 : 20)),
    maxC: Float64Array.from(occupied, (o) => (o ? 26 : 29)),
    initialC: 24,
    ...over,
  };
}

describe('simulateBuilding', () => {
  it.each([1, 0.25])('matches the analytic RC step response T∞ + (T0 − T∞)·exp(−t/RC) with Δt = %s h', (dt) => {
    // constant outdoor 30 °C, gains 40 kW, AC 60 kW: T∞ = 30 + 0.05·(40 − 3.5·60) = 21.5 °C
    const n = Math.round(24 / dt);
    const inputs = office({ outdoorC: new Float64Array(n).fill(30), gainsKw: new Float64Array(n).fill(40), initialC: 28 }, n);
    const temp = simulateBuilding(inputs, dt, new Float64Array(n).fill(60));
    const tau = 0.05 * 200;
    for (let k = 0; k <= n; k++) expect(temp[k]).toBeCloseTo(21.5 + (28 - 21.5) * Math.exp(-(k * dt) / tau), 10);
  });
});

describe('setpointPowerKw (constant-temperature control)', () => {
  it('reproduces the set-point exactly at the end of every period, from any starting temperature', () => {
    const inputs = office({ initialC: 27 });
    const power = setpointPowerKw(inputs, 1);
    const temp = simulateBuilding(inputs, 1, power);
    expect(temp[0]).toBe(27);
    for (let t = 1; t <= 24; t++) expect(Math.abs(temp[t]! - 24)).toBeLessThan(1e-12);
    // heating mode asks for the opposite sign of power
    const heated = office({ outdoorC: new Float64Array(24).fill(5), initialC: 21 }, 24, { mode: 'heating', setpointC: 21, comfort: { minC: 19, maxC: 23 } });
    const heat = setpointPowerKw(heated, 1);
    expect(Math.min(...heat)).toBeGreaterThan(0);
    const warm = simulateBuilding(heated, 1, heat);
    for (let t = 1; t <= 24; t++) expect(Math.abs(warm[t]! - 21)).toBeLessThan(1e-12);
  });
});

describe('addBuildingRows (flexible control)', () => {
  let glpk: LpBackend;
  beforeAll(async () => {
    glpk = await loadLpBackend('glpk');
  });

  it('gives an AC schedule whose open-loop simulation never leaves the comfort band, and cools less than constant control', () => {
    const inputs = office();
    const m = new LpModel('building');
    const rows = addBuildingRows(m, inputs, 1, 'flexible');
    if (rows.control !== 'flexible') throw new Error('expected a flexible building');
    // time-of-use energy price: the cheapest schedule rides the band's edges
    rows.acKw.forEach((p, t) => m.setCost(p, t >= 17 && t < 21 ? 0.3 : t < 7 ? 0.1 : 0.18));
    m.setObjective('min');
    const s = solveOptimal(m, glpk);
    const schedule = rows.acKw.map((p) => s.x[p]!);
    const temp = simulateBuilding(inputs, 1, schedule);
    for (let t = 0; t < 24; t++) {
      expect(temp[t + 1]).toBeGreaterThanOrEqual(inputs.minC[t]! - 1e-7);
      expect(temp[t + 1]).toBeLessThanOrEqual(inputs.maxC[t]! + 1e-7);
      expect(temp[t + 1]).toBeCloseTo(s.x[rows.tempC[t]!]!, 7);
    }
    const energy = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);
    expect(energy(schedule)).toBeLessThan(energy(setpointPowerKw(inputs, 1)));
    // the band binds somewhere, or the test would not exercise it
    expect(temp.some((x, k) => k > 0 && Math.abs(x - inputs.maxC[k - 1]!) < 1e-6)).toBe(true);
  });
});

describe('comfortConflict', () => {
  it('is null when the AC can hold the band, and names the first period and side when it cannot', () => {
    expect(comfortConflict(office(), 1)).toBeNull();
    const weak = office({}, 24, { acKw: 20 });
    const c = comfortConflict(weak, 1);
    expect(c).not.toBeNull();
    expect(c!.side).toBe('above-max');
    // full AC from the start is the coolest path; the first period it exceeds its band is the answer
    const coolest = simulateBuilding(weak, 1, new Float64Array(24).fill(20));
    const first = coolest.findIndex((x, k) => k > 0 && x > weak.maxC[k - 1]!) - 1;
    expect(c!.t).toBe(first);
    expect(c!.reachableC).toBeCloseTo(coolest[first + 1]!, 10);
  });
});
