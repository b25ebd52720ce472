/**
 * Sequential on purpose: each test starts Node, the compiled CLI and a worker thread.
 *
 * `ggs solve` and `ggs import matpower` end to end with the real power flow
 * and MATPOWER importer: result.json and CSV shapes, --set selectors, exit
 * codes of model outcomes, and the published IEEE 33 / 69-bus answers.
 */
import { describe, expect, it, vi } from 'vitest';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PowerflowData, PowerflowCertificate, JobResult } from '../../solver/contract.ts';
import { VERSION } from '../../solver/version.ts';
import { setAtPath } from '../../solver/scenario/paths.ts';
import { matpowerDir } from '../solver/support/network.ts';
import { bytes, fixture, ggs, repoRoot, scratchCopy } from './support/ggs.ts';

vi.setConfig({ testTimeout: 60_000 });

const ieee33 = fixture('scenarios/ieee33.ggs.json');
const tiny = fixture('scenarios/tiny.ggs.json');
type PowerflowResult = JobResult<'powerflow'> & { data: PowerflowData; certificate: PowerflowCertificate };

async function solveJson(file: string, ...extra: string[]): Promise<PowerflowResult> {
  const run = await ggs(['solve', file, '--job', 'powerflow', '--json', ...extra]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as PowerflowResult;
}

describe('ggs solve --job powerflow', () => {
  it('--json prints result.json with the documented powerflow data', async () => {
    const result = await solveJson(ieee33);
    expect(result).toMatchObject({ job: 'powerflow', status: 'ok', version: VERSION, warnings: [] });
    expect(result.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(result.timingsMs).sort()).toEqual(['solve', 'total', 'validate']);
    const period = result.data.periods[0]!;
    expect(period.lossesKw).toBeCloseTo(202.68, 1);
    expect(period.minVoltage.bus).toBe('18');
    expect(period.minVoltage.vmPu).toBeCloseTo(0.91309, 4);
    expect(period.buses).toHaveLength(33);
    expect(Object.keys(period.buses[0]!).sort()).toEqual(['id', 'vaDeg', 'vmPu']);
    expect(period.lines).toHaveLength(32);
    expect(period.lines[0]).toMatchObject({ id: 'L1', from: '1', to: '2' });
    for (const key of ['pKw', 'qKvar', 'loadingPct'] as const) expect(typeof period.lines[0]![key]).toBe('number');
    expect(period.lines[1]!.loadingPct).toBeNull(); // no rateKva on L2
    expect(result.certificate.maxMismatchKva).toBeLessThan(1e-3);
  });

  it('prints a human summary without --json', async () => {
    const run = await ggs(['solve', ieee33, '--job', 'powerflow']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^powerflow of "IEEE 33-bus feeder": ok/);
    expect(run.stdout).toMatch(/losses +202\.68 kW/);
    expect(run.stdout).toMatch(/min voltage +0\.9130\d p\.u\. at bus 18/);
  });

  it('--out writes result.json (the same as --json) and the periods, buses and lines tables', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'ggs-out-')), 'results');
    const run = await ggs(['solve', tiny, '--job', 'powerflow', '--out', out, '--json']);
    expect(run.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['buses.csv', 'lines.csv', 'periods.csv', 'result.json']);
    const written = JSON.parse(await readFile(join(out, 'result.json'), 'utf8')) as PowerflowResult;
    expect(written).toEqual(JSON.parse(run.stdout));

    const csv = async (name: string) => (await readFile(join(out, name), 'utf8')).trimEnd().split('\n');
    const periods = await csv('periods.csv');
    expect(periods[0]).toBe('t,loadKw,loadKvar,substationKw,substationKvar,lossesKw,lossesKvar,minVmPu,minVmBus,maxVmPu,maxVmBus,iterations');
    expect(periods).toHaveLength(1 + 3);
    expect(Number(periods[2]!.split(',')[5])).toBeCloseTo(written.data.periods[1]!.lossesKw, 10);

    const buses = await csv('buses.csv');
    expect(buses[0]).toBe('bus,vmPu_t0,vmPu_t1,vmPu_t2');
    expect(buses.map((row) => row.split(',')[0])).toEqual(['bus', 'head', 'mid', 'tail']);
    expect(Number(buses[3]!.split(',')[2])).toBe(written.data.periods[1]!.buses[2]!.vmPu);

    const lines = await csv('lines.csv');
    expect(lines[0]).toBe('t,line,from,to,pKw,qKvar,iA,lossKw,loadingPct');
    expect(lines).toHaveLength(1 + 3 * 2);
    expect(lines[2]!.endsWith(',')).toBe(true); // l2 has no thermal limit: empty loadingPct
  });

  it('--set by id and by index change the same field, for this run only', async () => {
    const before = await bytes(ieee33);
    const base = await solveJson(ieee33);
    const byId = await solveJson(ieee33, '--set', 'network.buses[id=18].pdKw=0', '--set', 'network.buses[id=18].qdKvar=0');
    const byIndex = await solveJson(ieee33, '--set', 'network.buses[17].pdKw=0', '--set', 'network.buses[17].qdKvar=0');
    expect(byId.data.periods[0]!.lossesKw).toBe(byIndex.data.periods[0]!.lossesKw);
    expect(byId.scenarioHash).toBe(byIndex.scenarioHash);
    expect(byId.data.periods[0]!.lossesKw).toBeLessThan(base.data.periods[0]!.lossesKw - 1);
    expect(byId.scenarioHash).not.toBe(base.scenarioHash);
    expect(await bytes(ieee33)).toEqual(before);
  });

  it('--set can fill a field the file leaves to its default', async () => {
    const half = await solveJson(tiny, '--set', 'network.loadScale=0.5');
    const full = await solveJson(tiny);
    expect(half.data.periods[1]!.loadKw).toBeCloseTo(full.data.periods[1]!.loadKw / 2, 9);
  });

  it('a meshed network is refused: exit 2 with the reason', async () => {
    const { file } = await scratchCopy('scenarios/tiny.ggs.json');
    const doc = JSON.parse(await readFile(file, 'utf8')) as unknown;
    const loop = { id: 'l3', from: 'head', to: 'tail', rOhm: 0.4, xOhm: 0.2 };
    const lines = [...(JSON.parse(await readFile(tiny, 'utf8')) as { network: { lines: unknown[] } }).network.lines, loop];
    await writeFile(file, JSON.stringify(setAtPath(doc, 'network.lines', lines)));
    const run = await ggs(['solve', file, '--job', 'powerflow']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/powerflow of .*: invalid/);
    expect(run.stderr).toMatch(/^network\.lines\[\d\]: the network is meshed/m);
  });

  it('a feeder that cannot carry its load does not converge: exit 3', async () => {
    const run = await ggs(['solve', ieee33, '--job', 'powerflow', '--set', 'network.loadScale=40', '--json']);
    expect(run.code).toBe(3);
    expect((JSON.parse(run.stdout) as JobResult).status).toBe('not-converged');
    expect(run.stderr).toMatch(/not-converged/);
  });
});

describe("ggs solve without --job runs the scenario's own job (metadata.job)", () => {
  const sample = (name: string) => join(repoRoot, 'assets/scenarios', name);

  it('the IEEE 33 sample: its power flow', async () => {
    const run = await ggs(['solve', sample('ieee33.ggs.json'), '--json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JobResult).job).toBe('powerflow');
  });

  it('the k-double auction sample: its Bayesian equilibrium; --job still wins', async () => {
    const own = await ggs(['solve', sample('k-double-auction.ggs.json'), '--json']);
    expect(own.code).toBe(0);
    expect(JSON.parse(own.stdout)).toMatchObject({ job: 'kda', status: 'ok' });
    const given = await ggs(['solve', sample('k-double-auction.ggs.json'), '--job', 'powerflow', '--json']);
    expect((JSON.parse(given.stdout) as JobResult).job).toBe('powerflow');
  });
});

describe('ggs import matpower', () => {
  const matpowerCase = (name: string) => join(matpowerDir, name);

  it('case33bw.m becomes a scenario that validates and solves to the published answer', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'ggs-import-')), 'case33bw.ggs.json');
    const imported = await ggs(['import', 'matpower', matpowerCase('case33bw.m'), '--out', out]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/33 buses, 37 lines \(5 out of service\)/);
    expect((await ggs(['validate', out])).code).toBe(0);
    const result = await solveJson(out);
    expect(result.data.periods[0]!.lossesKw).toBeCloseTo(202.68, 1);
    expect(result.data.periods[0]!.minVoltage).toMatchObject({ bus: '18' });
  });

  it('case69.m solves to 224.9 kW and 0.9092 p.u. at bus 65', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'ggs-import-')), 'case69.ggs.json');
    expect((await ggs(['import', 'matpower', matpowerCase('case69.m'), '--out', out])).code).toBe(0);
    const period = (await solveJson(out)).data.periods[0]!;
    expect(Math.abs(period.lossesKw - 224.9)).toBeLessThan(0.1);
    expect(period.minVoltage.bus).toBe('65');
    expect(Math.abs(period.minVoltage.vmPu - 0.9092)).toBeLessThan(1e-4);
  });

  it('a case it cannot interpret (case18: transformer, shunts) is refused with the reason, and nothing is written', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'ggs-import-')), 'case18.ggs.json');
    const run = await ggs(['import', 'matpower', matpowerCase('case18.m'), '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/case18\.m: cannot import: \S+/);
    expect(existsSync(out)).toBe(false);
  });
});
