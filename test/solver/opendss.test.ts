/**
 * The OpenDSS importer on the IEEE 13- and 123-bus feeders shipped in
 * assets/networks/opendss/ (never /work/shared): what the balanced
 * single-phase equivalent holds (buses, loads, capacitors, a line's
 * positive-sequence impedance worked out by hand from its phase matrix,
 * the head regulator's tap as the substation voltage), its power flow, how
 * close it comes to Kersting's published IEEE 13 voltages, and refusals with
 * FILE:LINE and the reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DssError, formatDssProblem, importOpendss } from '../../solver/import/opendss.ts';
import { validateScenario } from '../../solver/scenario/validate.ts';
import { repoRoot, solvePowerflow } from './support/network.ts';

const dir = path.join(repoRoot, 'assets/networks/opendss');
const disk = (p: string) => (existsSync(path.join(dir, p)) ? readFileSync(path.join(dir, p), 'utf8') : undefined);

/** A reader over in-memory files (for bad scripts), falling back to the shipped ones. */
const files = (own: Record<string, string>) => (p: string) => own[p] ?? disk(p);

function refusal(master: string, read: (p: string) => string | undefined): string[] {
  try {
    importOpendss(master, read);
  } catch (e) {
    if (e instanceof DssError) return e.problems.map(formatDssProblem);
    throw e;
  }
  throw new Error('expected the import to be refused');
}

describe('IEEE 123-bus feeder', () => {
  const { scenario, warnings } = importOpendss('ieee123/IEEE123Master.dss', disk);
  const net = scenario.network;

  it('holds 132 buses and 131 branches, 3490 kW and 1920 − 750 kvar (four capacitors) of load', () => {
    expect(validateScenario(scenario).ok).toBe(true);
    expect(net.buses).toHaveLength(132);
    expect(net.lines).toHaveLength(131);
    expect(net.buses.reduce((s, b) => s + (b.pdKw ?? 0), 0)).toBeCloseTo(3490, 6);
    expect(net.buses.reduce((s, b) => s + (b.qdKvar ?? 0), 0)).toBeCloseTo(1920 - 600 - 3 * 50, 6);
    expect(net.baseKv).toBe(4.16);
    expect(net.substation).toMatchObject({ busId: '150', vmPu: 1 });
  });

  it('line L115 (code 1, 0.4 kft): Z₁ = mean self − mean mutual of the phase matrix, by hand', () => {
    const l = net.lines!.find((x) => x.id === 'line.l115')!;
    const rs = (0.086666667 + 0.088371212 + 0.087405303) / 3, rm = (0.029545455 + 0.02907197 + 0.029924242) / 3;
    const xs = (0.204166667 + 0.198522727 + 0.201723485) / 3, xm = (0.095018939 + 0.072897727 + 0.080227273) / 3;
    expect(l.rOhm).toBeCloseTo((rs - rm) * 0.4, 9);
    expect(l.xOhm).toBeCloseTo((xs - xm) * 0.4, 9);
    // a single-phase lateral (L1, code 10 on phase b): 3·Z_s, the drop of a load on its one phase
    const l1 = net.lines!.find((x) => x.id === 'line.l1')!;
    expect(l1.rOhm).toBeCloseTo(3 * 0.251742424 * 0.175, 9);
  });

  it('the 480 V side of XFM1 is referred to 4.16 kV; the normally open switches are open stubs', () => {
    expect(net.buses.find((b) => b.id === '610')!.name).toBe('0.48 kV (referred to 4.16 kV)');
    expect(net.lines!.find((l) => l.id === 'line.sw7')).toMatchObject({ to: '300_open', inService: true });
    expect(warnings.join(' ')).toMatch(/7 regulator controls are not simulated/);
  });

  it('the power flow solves it (certified) with the voltage falling to bus 114 at the far end', () => {
    const { data, certificate } = solvePowerflow(scenario);
    expect(certificate.maxMismatchKva).toBeLessThan(1e-3);
    expect(data.summary.minVoltage.bus).toBe('114');
    // no tap raises the head in the master: every bus below the source's 1 p.u.
    expect(data.summary.minVoltage.vmPu).toBeGreaterThan(0.93);
    expect(data.summary.minVoltage.vmPu).toBeLessThan(0.96);
  });

  it('the run script: the second compile wins, Kersting’s head tap 7 (1.04375) becomes the substation voltage, the others are named in a warning, coordinates load', () => {
    const run = importOpendss('ieee123/Run_IEEE123Bus.DSS', disk);
    expect(run.scenario.network.substation.vmPu).toBe(1.04375);
    expect(run.warnings[0]).toMatch(/reg4a \(160 → 160r\) tap 1\.05000/);
    expect(run.scenario.network.buses.find((b) => b.id === '1')).toMatchObject({ x: 700, y: 1500 });
    const { data } = solvePowerflow(run.scenario);
    expect(data.summary.minVoltage.vmPu).toBeGreaterThan(0.98);
  });
});

describe('IEEE 13-bus feeder against Kersting’s published voltages', () => {
  it('with the regulator taps (10, 8, 11) folded into the source, each bus is within 0.002 p.u. of the mean of its published phase voltages', () => {
    const { scenario } = importOpendss('ieee13/IEEE13Nodeckt.dss', disk);
    expect(scenario.network.buses.find((b) => b.id === '634')!.name).toBe('0.48 kV (referred to 4.16 kV)');
    // W. H. Kersting, IEEE 13 node test feeder, published voltage profile (phases a, b, c), p.u.
    const published: Record<string, number[]> = {
      rg60: [1.0625, 1.05, 1.0687],
      '632': [1.021, 1.042, 1.0174],
      '633': [1.018, 1.0401, 1.0148],
      '634': [0.994, 1.0218, 0.996],
      '671': [0.99, 1.0529, 0.9778],
      '675': [0.9835, 1.0553, 0.9758],
      '692': [0.99, 1.0529, 0.9777],
    };
    scenario.network.substation.vmPu = 1.0001 * ((1 + 10 * 0.00625 + 1 + 8 * 0.00625 + 1 + 11 * 0.00625) / 3);
    const { data } = solvePowerflow(scenario);
    const v = new Map(data.periods[0]!.buses.map((b) => [b.id, b.vmPu]));
    for (const [bus, phases] of Object.entries(published)) expect(Math.abs(v.get(bus)! - phases.reduce((a, b) => a + b) / 3), bus).toBeLessThan(0.002);
  });
});

describe('refused scripts name the file, the line and the reason', () => {
  it('an unsupported command and an unknown element class', () => {
    const read = files({ 'x.dss': 'Clear\nNew circuit.x basekv=4.16 bus1=a\nFrobnicate now\nNew PVSystem.pv1 bus1=a kva=10\n' });
    expect(refusal('x.dss', read)).toEqual([
      'x.dss:3: unsupported command "Frobnicate" (the importer reads the subset the IEEE 13- and 123-bus feeders use)',
      'x.dss:4: element class "PVSystem" is not supported (supported: circuit, linecode, line, load, transformer, regcontrol, capacitor, energymeter)',
    ]);
  });

  it('a redirect to a missing file, a continuation with nothing before it', () => {
    expect(refusal('x.dss', files({ 'x.dss': 'New circuit.x basekv=4.16 bus1=a\nRedirect nowhere.dss\n' }))).toEqual(['x.dss:2: cannot read the file "nowhere.dss"']);
    expect(refusal('x.dss', files({ 'x.dss': '! header\n~ basekv=4.16\n' }))).toEqual(['x.dss:2: a continuation line (~) with no command before it']);
  });

  it('a line whose line code is not defined, and a number that is not one (reported where the element was defined)', () => {
    const script = 'New circuit.x basekv=4.16 bus1=a\nNew Line.L1 bus1=a bus2=b linecode=99 length=1\nNew Load.S1 bus1=b kW=lots kvar=1\nNew Line.L0 bus1=a bus2=c r1=0.1 x1=0.1\n';
    expect(refusal('x.dss', files({ 'x.dss': script }))).toEqual(['x.dss:2: line.l1: linecode 99 is not defined before it is used']);
    expect(refusal('x.dss', files({ 'x.dss': script.replace('linecode=99 ', 'r1=0.1 x1=0.2 ') }))).toEqual(['x.dss:3: load.s1: kw=lots is not a number']);
  });

  it('a script without a circuit', () => {
    expect(refusal('x.dss', files({ 'x.dss': 'Clear\n' }))).toEqual(['x.dss:0: defines no circuit (New circuit.NAME basekv=… bus1=…)']);
  });
});
