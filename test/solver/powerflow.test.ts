/**
 * Power-flow oracle: the IEEE 33-bus feeder (Baran & Wu 1989, MATPOWER case33bw)
 * against its published result (202.68 kW losses, 0.91309 p.u. at bus 18) and
 * the independently computed per-bus voltages in assets/networks/ieee33/ieee33_pf_reference.json.
 */
import { describe, expect, it } from 'vitest';
import { SolverError } from '../../solver/jobs/errors.ts';
import { runJob } from '../../solver/jobs/run.ts';
import type { JobProgress } from '../../solver/contract.ts';
import type { ScenarioInput } from '../../solver/scenario/schema.ts';
import { feeder, readAsset, solvePowerflow } from './support/network.ts';
import { thrown } from './support/thrown.ts';

const ieee33 = (): ScenarioInput => JSON.parse(readAsset('scenarios/ieee33.ggs.json'));
const reference = JSON.parse(readAsset('networks/ieee33/ieee33_pf_reference.json')) as {
  lossesKw: number;
  minVoltage: { bus: string; vmPu: number };
  vmPu: Record<string, number>;
};

const solverError = (f: () => unknown) => thrown(SolverError, f);

describe('powerflow on the IEEE 33-bus feeder (case33bw)', () => {
  const { data, certificate } = solvePowerflow(ieee33());
  const period = data.periods[0]!;

  it('loses 202.68 kW ± 0.05', () => {
    expect(period.lossesKw).toBeGreaterThan(202.68 - 0.05);
    expect(period.lossesKw).toBeLessThan(202.68 + 0.05);
    expect(period.lossesKw).toBeCloseTo(reference.lossesKw, 4);
  });

  it('has its minimum voltage 0.91309 p.u. ± 0.0001 at bus 18', () => {
    expect(period.minVoltage.bus).toBe('18');
    expect(Math.abs(period.minVoltage.vmPu - 0.91309)).toBeLessThan(1e-4);
    expect(data.summary.minVoltage).toEqual({ bus: '18', vmPu: period.minVoltage.vmPu, t: 0 });
  });

  it('matches every bus voltage of the independent reference within 1e-5 p.u.', () => {
    expect(period.buses).toHaveLength(Object.keys(reference.vmPu).length);
    for (const b of period.buses) expect(Math.abs(b.vmPu - reference.vmPu[b.id]!), `bus ${b.id}`).toBeLessThan(1e-5);
  });

  it('carries a certificate: power mismatch below 1e-6 kVA, last voltage change below the tolerance', () => {
    expect(certificate.maxMismatchKva).toBeLessThan(1e-6);
    expect(certificate.lastVoltageChangePu).toBeLessThan(1e-8);
    expect(certificate.tolerancePu).toBe(1e-8);
    expect(certificate.iterationsByPeriod).toEqual([period.iterations]);
    expect(certificate.residualHistory).toHaveLength(certificate.iterations);
    expect(certificate.residualHistory.at(-1)).toBe(certificate.lastVoltageChangePu);
  });

  it('balances: substation supply = load + losses (3715 kW + 2300 kvar of load)', () => {
    expect(period.loadKw).toBeCloseTo(3715, 9);
    expect(period.loadKvar).toBeCloseTo(2300, 9);
    expect(period.substationKw).toBeCloseTo(period.loadKw + period.lossesKw, 4);
    expect(period.substationKvar).toBeCloseTo(period.loadKvar + period.lossesKvar, 4);
  });

  it('reports line flows at the sending end, currents in A and losses that add up', () => {
    const head = period.lines.find((l) => l.id === 'L1')!;
    expect(head.pKw).toBeCloseTo(period.substationKw, 6);
    // |S| / (√3·V) at the head of the feeder, V = 12.66 kV · 1.0 p.u.
    expect(head.iA).toBeCloseTo(Math.hypot(head.pKw, head.qKvar) / (Math.sqrt(3) * 12.66), 6);
    expect(period.lines.reduce((s, l) => s + l.lossKw, 0)).toBeCloseTo(period.lossesKw, 9);
    expect(head.loadingPct).toBeNull();
    expect(data.summary.maxLoadingPct).toBeNull();
  });

  it('drops the voltage monotonically along the main feeder 1→18', () => {
    const vm = new Map(period.buses.map((b) => [b.id, b.vmPu]));
    for (let k = 2; k <= 18; k++) expect(vm.get(String(k))!).toBeLessThan(vm.get(String(k - 1))!);
  });
});

describe('powerflow line orientation and limits', () => {
  const radial = (reversed: boolean, rateKva?: number) =>
    feeder(['1', '2', '3'], [
      { id: 'a', from: '1', to: '2', rateKva },
      reversed ? { id: 'b', from: '3', to: '2', rateKva } : { id: 'b', from: '2', to: '3', rateKva },
    ]);

  it('gives the same voltages whichever way a line is listed, and reports its flow at its own from end', () => {
    const fwd = solvePowerflow(radial(false)).data.periods[0]!;
    const rev = solvePowerflow(radial(true)).data.periods[0]!;
    fwd.buses.forEach((b, i) => expect(rev.buses[i]!.vmPu).toBeCloseTo(b.vmPu, 12));
    const bF = fwd.lines[1]!;
    const bR = rev.lines[1]!;
    // listed 3→2, the line receives power at bus 3: −(P at the far end) = −(sending − losses)
    expect(bR.pKw).toBeCloseTo(-(bF.pKw - bF.lossKw), 9);
    expect(bR.pKw).toBeLessThan(0);
    expect(bR.lossKw).toBeCloseTo(bF.lossKw, 12);
    expect(bR.iA).toBeCloseTo(bF.iA, 12);
  });

  it('computes loading % from the apparent power at the from end and flags overloads', () => {
    const { data } = solvePowerflow(radial(false, 150));
    const a = data.periods[0]!.lines[0]!;
    expect(a.loadingPct).toBeCloseTo((Math.hypot(a.pKw, a.qKvar) / 150) * 100, 9);
    expect(data.summary.maxLoadingPct).toMatchObject({ line: 'a', t: 0 });
    expect(data.summary.violations.filter((v) => v.kind === 'overload').map((v) => v.id)).toEqual(['a']);
  });

  it('reports an out-of-service line with zero flow', () => {
    const s = feeder(['1', '2', '3'], [
      { id: 'a', from: '1', to: '2' },
      { id: 'b', from: '1', to: '3' },
      { id: 'tie', from: '2', to: '3', inService: false, rateKva: 500 },
    ]);
    const tie = solvePowerflow(s).data.periods[0]!.lines[2]!;
    expect(tie).toMatchObject({ id: 'tie', pKw: 0, qKvar: 0, iA: 0, lossKw: 0, loadingPct: 0 });
  });

  it('flags buses below vminPu as undervoltage', () => {
    const s = ieee33();
    s.network.buses = s.network.buses.map((b) => ({ ...b, vminPu: 0.95 }));
    const { data } = solvePowerflow(s);
    const under = data.summary.violations.filter((v) => v.kind === 'undervoltage');
    const expected = data.periods[0]!.buses.filter((b) => b.vmPu < 0.95).map((b) => b.id);
    expect(under.map((v) => v.id)).toEqual(expected);
    expect(under.length).toBeGreaterThan(0);
    expect(under.every((v) => v.value < v.limit && v.limit === 0.95)).toBe(true);
  });
});

describe('powerflow loads per period', () => {
  it('scales each bus load by network.loadScale × its profile value', () => {
    const s = feeder(['1', '2', '3'], [
      { id: 'a', from: '1', to: '2' },
      { id: 'b', from: '2', to: '3' },
    ]);
    s.time = { T: 3, dtHours: 0.5, start: '2026-01-01T00:00' };
    s.profiles = [{ id: 'shape', values: [0, 1, 2] }];
    s.network.loadScale = 1.5;
    s.network.buses[2]!.loadProfile = 'shape';
    const { data } = solvePowerflow(s);
    // bus 2 has no profile (100 kW × 1.5), bus 3 follows the shape (100 kW × 1.5 × m)
    expect(data.periods.map((p) => p.loadKw)).toEqual([150, 300, 450].map((x) => expect.closeTo(x, 9)));
    expect(data.summary.energyLossesKwh).toBeCloseTo(data.periods.reduce((s, p) => s + p.lossesKw * 0.5, 0), 12);
    expect(data.summary.peakLossesKw.t).toBe(2);
  });

  it('solves the 24-hour sample with its peak at the evening residential peak', () => {
    const { data, certificate } = solvePowerflow(JSON.parse(readAsset('scenarios/ieee33-day.ggs.json')));
    expect(data.periods).toHaveLength(24);
    expect(certificate.iterationsByPeriod).toHaveLength(24);
    expect(data.summary.peakLossesKw.kw).toBeLessThan(202.68);
    expect(data.summary.minVoltage.vmPu).toBeGreaterThan(0.91309);
    expect([17, 18, 19, 20]).toContain(data.summary.peakLossesKw.t);
  });
});

describe('powerflow failures', () => {
  it('stops at the iteration cap with not-converged, the iterations and the last residual', () => {
    const e = solverError(() => solvePowerflow(ieee33(), { maxIterations: 1 }));
    expect(e.error.code).toBe('not-converged');
    expect(e.status).toBe('not-converged');
    expect(e.error.details).toMatchObject({ iterations: 1 });
    expect(e.error.details!.lastResidualPu as number).toBeGreaterThan(1e-8);
    expect(e.error.hint).toMatch(/maxIterations/);
  });

  it('reports an absurdly heavy load as not-converged with a hint to lower the load', () => {
    const s = ieee33();
    s.network.loadScale = 10;
    const e = solverError(() => solvePowerflow(s));
    expect(e.error.code).toBe('not-converged');
    expect(e.error.details).toMatchObject({ iterations: expect.any(Number), lastResidualPu: expect.any(Number) });
    expect(e.error.hint).toMatch(/loadScale/);
  });

  it('names the period that failed in a multi-period run', () => {
    const s = ieee33();
    s.time = { T: 2, dtHours: 1, start: '2026-01-01T00:00' };
    s.profiles = [{ id: 'spike', values: [1, 10] }];
    s.network.buses = s.network.buses.map((b) => ({ ...b, loadProfile: 'spike' }));
    const e = solverError(() => solvePowerflow(s));
    expect(e.message).toMatch(/^period 2\/2: /);
    expect(e.error.details?.period).toBe(1);
  });

  it('refuses a line between buses of different base voltage (a transformer)', () => {
    const s = feeder(['1', '2'], [{ id: 'a', from: '1', to: '2' }]);
    s.network.buses[1]!.baseKv = 0.4;
    const e = solverError(() => solvePowerflow(s));
    expect(e.error.path).toBe('network.lines[0]');
    expect(e.message).toMatch(/transformer/);
  });
});

describe('runJob({kind: "powerflow"}) end to end', () => {
  it('solves the IEEE 33-bus sample with status ok, progress per period and the certificate', async () => {
    const progress: JobProgress[] = [];
    const result = await runJob({ kind: 'powerflow', scenario: ieee33() }, { onProgress: (p) => progress.push(p) });
    expect(result.status).toBe('ok');
    expect(result.data!.periods[0]!.lossesKw).toBeCloseTo(202.677, 2);
    expect(result.certificate!.maxMismatchKva).toBeLessThan(1e-6);
    expect(progress).toEqual([{ fraction: 1, stage: 'period 1/1', metrics: { period: 0, iterations: result.certificate!.iterations, residual: expect.any(Number) } }]);
  });

  it('reports one progress event per period of the day sample', async () => {
    const stages: string[] = [];
    const result = await runJob({ kind: 'powerflow', scenario: JSON.parse(readAsset('scenarios/ieee33-day.ggs.json')) }, { onProgress: (p) => stages.push(p.stage) });
    expect(result.status).toBe('ok');
    expect(stages).toHaveLength(24);
    expect(stages[23]).toBe('period 24/24');
  });

  it('turns a meshed network into status invalid with code meshed-network', async () => {
    const s = feeder(['1', '2', '3'], [
      { id: 'a', from: '1', to: '2' },
      { id: 'b', from: '2', to: '3' },
      { id: 'c', from: '3', to: '1' },
    ]);
    const result = await runJob({ kind: 'powerflow', scenario: s });
    expect(result.status).toBe('invalid');
    expect(result.error?.code).toBe('meshed-network');
    expect(result.data).toBeNull();
  });

  it('turns non-convergence into status not-converged with its details', async () => {
    const result = await runJob({ kind: 'powerflow', scenario: ieee33(), options: { maxIterations: 2 } });
    expect(result.status).toBe('not-converged');
    expect(result.error?.details?.iterations).toBe(2);
  });
});
