/**
 * importMatpower on every case of assets/networks/matpower: each is imported and solved,
 * or refused with its reason. Oracles: case33bw (202.68 kW, 0.91309 p.u. at
 * bus 18) and case69 (224.9 kW, 0.9092 p.u. at bus 65), both Baran & Wu 1989.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importMatpower, ImportError } from '../../solver/import/matpower.ts';
import { runJob } from '../../solver/jobs/run.ts';
import { validateScenario } from '../../solver/scenario/validate.ts';
import { matpowerDir, readAsset, solvePowerflow } from './support/network.ts';
import { thrown } from './support/thrown.ts';

const readCase = (name: string) => readAsset(`networks/matpower/${name}`);
const importCase = (name: string) => importMatpower(readCase(name), name);

const refusal = (text: string, name = 'test.m') => thrown(ImportError, () => importMatpower(text, name));

/** Expected outcome per case: solved, or refused with words the reason must contain. */
const expectations: Record<string, { refused: RegExp[] } | { solved: true }> = {
  'case18.m': { refused: [/transformer/, /shunt/, /line charging/] },
  'case22.m': { solved: true },
  'case33bw.m': { solved: true },
  'case69.m': { solved: true },
  'case85.m': { solved: true },
  'case118zh.m': { solved: true },
  'case136ma.m': { solved: true },
  'case141.m': { solved: true },
};

describe('importMatpower on every case in assets/networks/matpower', () => {
  const files = readdirSync(matpowerDir).filter((f) => f.endsWith('.m')).sort();

  it('finds the MATPOWER cases and knows what to expect of each', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    expect(files.filter((f) => !(f in expectations))).toEqual([]);
  });

  for (const file of Object.keys(expectations).sort()) {
    const expectation = expectations[file]!;
    if ('refused' in expectation) {
      it(`refuses ${file} with the reason`, () => {
        const e = refusal(readCase(file), file);
        expect(e.message).toMatch(new RegExp(`^cannot import ${file.replace('.', '\\.')}: `));
        for (const reason of expectation.refused) expect(e.message).toMatch(reason);
      });
    } else {
      it(`imports ${file} into a valid scenario that solves with a tight certificate`, async () => {
        const { scenario } = importCase(file);
        const result = await runJob({ kind: 'powerflow', scenario });
        expect(result.status, result.message).toBe('ok');
        expect(result.certificate!.maxMismatchKva).toBeLessThan(1e-4);
        expect(result.certificate!.lastVoltageChangePu).toBeLessThan(1e-8);
      });
    }
  }
});

describe('importMatpower(case33bw.m)', () => {
  const { scenario, warnings } = importCase('case33bw.m');
  const net = scenario.network;

  it('undoes the file’s ohm → p.u. conversion: lines in ohm, loads in kW and kvar', () => {
    expect(net.baseKv).toBe(12.66);
    expect(net.baseMva).toBe(10);
    expect(net.lines![0]).toEqual({ id: 'L1', from: '1', to: '2', rOhm: 0.0922, xOhm: 0.047, inService: true });
    expect(net.buses.find((b) => b.id === '30')).toMatchObject({ pdKw: 200, qdKvar: 600, vminPu: 0.9, vmaxPu: 1.1 });
    expect(net.buses.reduce((s, b) => s + (b.pdKw ?? 0), 0)).toBeCloseTo(3715, 9);
  });

  it('uses MATPOWER bus numbers as ids, lines L1… in file order, the REF bus as substation', () => {
    expect(net.buses.map((b) => b.id)).toEqual(Array.from({ length: 33 }, (_, i) => String(i + 1)));
    expect(net.lines!.map((l) => l.id)).toEqual(Array.from({ length: 37 }, (_, i) => `L${i + 1}`));
    expect(net.substation).toEqual({ busId: '1', vmPu: 1, vaDeg: 0 });
  });

  it('imports the five open tie switches with inService false and says so', () => {
    expect(net.lines!.filter((l) => l.inService === false).map((l) => `${l.from}-${l.to}`)).toEqual(['21-8', '9-15', '12-22', '18-33', '25-29']);
    expect(warnings.join('\n')).toMatch(/5 out-of-service branches/);
  });

  it('replaces the slack bus’s Vmin = Vmax = 1 by the default band, with a warning', () => {
    expect(net.buses[0]).not.toHaveProperty('vminPu');
    expect(warnings.join('\n')).toMatch(/bus 1: Vmin\/Vmax/);
  });

  it('gives the published power flow: 202.68 kW ± 0.05, 0.91309 p.u. ± 0.0001 at bus 18', () => {
    const p = solvePowerflow(scenario).data.periods[0]!;
    expect(Math.abs(p.lossesKw - 202.68)).toBeLessThan(0.05);
    expect(p.minVoltage.bus).toBe('18');
    expect(Math.abs(p.minVoltage.vmPu - 0.91309)).toBeLessThan(1e-4);
  });

  it('describes the same feeder as the ieee33 sample scenario', () => {
    const sample = JSON.parse(readAsset('scenarios/ieee33.ggs.json'));
    const inService = net.lines!.filter((l) => l.inService !== false).map(({ from, to, rOhm, xOhm }) => ({ from, to, rOhm, xOhm }));
    expect(sample.network.lines.map(({ from, to, rOhm, xOhm }: Record<string, unknown>) => ({ from, to, rOhm, xOhm }))).toEqual(inService);
    expect(sample.network.buses.map((b: { pdKw: number; qdKvar: number }) => [b.pdKw, b.qdKvar])).toEqual(net.buses.map((b) => [b.pdKw, b.qdKvar]));
  });
});

describe('importMatpower(case69.m)', () => {
  it('gives the published power flow: 224.9 kW ± 0.1, 0.9092 p.u. ± 0.0001 at bus 65', () => {
    const p = solvePowerflow(importCase('case69.m').scenario).data.periods[0]!;
    expect(Math.abs(p.lossesKw - 224.9)).toBeLessThan(0.1);
    expect(p.minVoltage.bus).toBe('65');
    expect(Math.abs(p.minVoltage.vmPu - 0.9092)).toBeLessThan(1e-4);
  });
});

describe('importMatpower(case141.m)', () => {
  it('applies the file’s kVA → kW/kvar conversion at power factor 0.85', () => {
    const bus8 = importCase('case141.m').scenario.network.buses.find((b) => b.id === '8')!;
    // 75 kVA at pf 0.85
    expect(bus8.pdKw).toBeCloseTo(75 * 0.85, 9);
    expect(bus8.qdKvar).toBeCloseTo(75 * Math.sin(Math.acos(0.85)), 9);
  });
});

describe('importMatpower(case136ma.m)', () => {
  it('converts rateA from MVA to kVA', () => {
    const { scenario } = importCase('case136ma.m');
    expect(scenario.network.lines![0]!.rateKva).toBe(100_000);
    expect(validateScenario(scenario).ok).toBe(true);
  });
});

describe('importMatpower refusals', () => {
  const minimal = (extra = '', branch = '1 2 0.01 0.01 0 0 0 0 0 0 1') => `function mpc = tiny
mpc.version = '2';
mpc.baseMVA = 1;
mpc.bus = [
  1 3 0 0 0 0 1 1 0 11 1 1.1 0.9;
  2 1 0.1 0.05 0 0 1 1 0 11 1 1.1 0.9;
];
mpc.gen = [ 1 0 0 10 -10 1 100 1 10 0 ];
mpc.branch = [ ${branch} ];
${extra}`;

  it('imports a minimal hand-written case in p.u. without conversion code', () => {
    const { scenario } = importMatpower(minimal(), 'tiny.m');
    // 0.01 p.u. on 11 kV / 1 MVA = 1.21 ohm; 0.1 MW = 100 kW
    expect(scenario.network.lines![0]).toMatchObject({ rOhm: 1.21, xOhm: 1.21 });
    expect(scenario.network.buses[1]).toMatchObject({ pdKw: 100, qdKvar: 50 });
    expect(scenario.metadata.name).toBe('tiny');
  });

  it('quotes a statement it cannot interpret', () => {
    const e = refusal(minimal('mpc.bus(:, 3) = mpc.bus(:, 3) * loadfactor();'));
    expect(e.message).toContain('cannot interpret the statement "mpc.bus(:, 3) = mpc.bus(:, 3) * loadfactor()"');
    expect(e.message).toContain('"loadfactor" is not a known variable or function');
    expect(e.message).toMatch(/line 10/);
  });

  it('refuses control flow rather than guessing', () => {
    expect(refusal(minimal('if 1\n  mpc.baseMVA = 2;\nend')).message).toMatch(/"if 1".*only assignments/);
  });

  it('refuses a tap-changing transformer', () => {
    expect(refusal(minimal('', '1 2 0.01 0.01 0 0 0 0 0.98 0 1')).message).toMatch(/transformers are not modelled: branch 1 \(1–2, ratio 0.98\)/);
  });

  it('refuses line charging', () => {
    expect(refusal(minimal('', '1 2 0.01 0.01 0.002 0 0 0 0 0 1')).message).toMatch(/line charging .* branch 1/);
  });

  it('refuses a shunt', () => {
    expect(refusal(minimal('mpc.bus(2, 6) = 0.3;')).message).toMatch(/shunt admittances .* buses 2/);
  });

  it('refuses a generator that is not at the substation', () => {
    expect(refusal(minimal('mpc.gen = [1 0 0 10 -10 1 100 1 10 0; 2 0.05 0 1 -1 1 100 1 1 0];')).message).toMatch(/generator 2 at bus 2 is not at the substation/);
  });

  it('refuses a meshed network (more in-service branches than buses − 1)', () => {
    const e = refusal(minimal('', '1 2 0.01 0.01 0 0 0 0 0 0 1; 2 1 0.02 0.02 0 0 0 0 0 0 1'));
    expect(e.message).toMatch(/meshed: 2 in-service branches for 2 buses/);
  });

  it('refuses a disconnected network, naming the bus', () => {
    const text = minimal('', '1 2 0.01 0.01 0 0 0 0 0 0 0');
    expect(refusal(text).message).toMatch(/bus "2" cannot be reached/);
  });

  it('refuses text that defines no case', () => {
    expect(refusal('x = 1;').message).toMatch(/no MATPOWER case struct "mpc"/);
  });
});

describe('powerflow speed on case141', () => {
  it('solves 96 quarter-hour periods of the 141-bus feeder in well under the 5 s budget', () => {
    const { scenario } = importCase('case141.m');
    const shape = Array.from({ length: 96 }, (_, t) => 0.6 + 0.4 * Math.sin((Math.PI * t) / 96));
    scenario.time = { T: 96, dtHours: 0.25, start: '2026-01-01T00:00' };
    scenario.profiles = [{ id: 'day', values: shape }];
    scenario.network.buses = scenario.network.buses.map((b) => ({ ...b, loadProfile: 'day' }));
    const t0 = performance.now();
    const { data } = solvePowerflow(scenario);
    const ms = performance.now() - t0;
    expect(data.periods).toHaveLength(96);
    expect(data.summary.energyLossesKwh).toBeGreaterThan(0);
    expect(ms).toBeLessThan(5000);
  });
});
