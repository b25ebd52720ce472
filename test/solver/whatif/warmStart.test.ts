/**
 * Warm starts: a study point's solver starting from a neighbouring point's
 * solution. The answers must stay the answers (within the solver's
 * tolerance, certificates passing) while the iteration counts drop; the
 * source of each point follows the design; a warm start that does not fit is
 * ignored and says why.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { JobKind, JobRequest, JobResult, WarmStart } from '../../../solver/contract.ts';
import { runJob } from '../../../solver/jobs/run.ts';
import { runStudy, type Executor } from '../../../solver/whatif/execute.ts';
import type { StudyResult } from '../../../solver/whatif/result.ts';
import type { Study, StudyDesign } from '../../../solver/whatif/study.ts';
import { baseRequest, fakePowerflow } from './fixtures.ts';

const asset = (name: string) => JSON.parse(readFileSync(new URL(`../../../assets/scenarios/${name}.ggs.json`, import.meta.url), 'utf8')) as JobRequest['scenario'];

/** runJob in the thread, keeping every full result in point order (concurrency 1). */
function recording(): Executor & { results: JobResult[] } {
  const results: JobResult[] = [];
  return Object.assign(
    async (request: JobRequest, { signal, point }: Parameters<Executor>[1]) => {
      const r = await runJob(request, { isCancelled: () => signal.aborted, keepWarmState: point.keepWarmState ?? false });
      results.push(r);
      return r;
    },
    { results },
  );
}

async function coldAndWarm(study: Study) {
  const cold = recording();
  const warm = recording();
  return { cold: { result: await runStudy(study, cold), runs: cold.results }, warm: { result: await runStudy(study, warm, { warmStart: true }), runs: warm.results } };
}

/** Every scalar, series and per-entity output of two results, point by point, within `tol` (relative to max(1, |a|)). */
function expectClose(a: StudyResult, b: StudyResult, tol: number) {
  a.points.forEach((p, k) => {
    const q = b.points[k]!;
    expect(q.status).toBe(p.status);
    for (const [id, v] of Object.entries(p.outputs)) {
      const flat = (x: unknown): number[] => (typeof x === 'number' ? [x] : x === null ? [] : Array.isArray(x) ? x : Object.values(x as object));
      const [xs, ys] = [flat(v), flat(q.outputs[id])];
      expect(ys.length, id).toBe(xs.length);
      xs.forEach((x, i) => expect(Math.abs(x - ys[i]!), `${id}[${i}] at point ${k}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(x))));
    }
  });
}

const sweep = (path: string, values: number[]): StudyDesign => ({ kind: 'sweep', param: { path, values: { kind: 'list', values } } });

describe('warm-started sweeps agree with cold ones and need fewer iterations', () => {
  it('powerflow: each period’s sweep starts from the neighbour’s voltages', async () => {
    const { cold, warm } = await coldAndWarm({ base: { kind: 'powerflow', scenario: asset('ieee33-day') }, design: sweep('network.loadScale', [0.6, 0.7, 0.8, 0.9, 1, 1.1]) });
    expectClose(cold.result, warm.result, 1e-7);
    expect(warm.result.points.map((p) => p.warmStartFrom)).toEqual([undefined, 0, 1, 2, 3, 4]);
    expect(cold.result.points.every((p) => p.warmStartFrom === undefined)).toBe(true);
    const sweeps = (runs: JobResult[]) => runs.map((r) => (r as JobResult<'powerflow'>).certificate!.iterationsByPeriod.reduce((a, b) => a + b, 0));
    const [c, w] = [sweeps(cold.runs), sweeps(warm.runs)];
    expect(w[0]).toBe(c[0]); // the first point has no neighbour yet
    for (let k = 1; k < c.length; k++) expect(w[k]!, `point ${k}`).toBeLessThan(c[k]!);
    for (const r of warm.runs) expect((r as JobResult<'powerflow'>).certificate!.maxMismatchKva).toBeLessThan(1e-3);
    expect(warm.runs[1]!.warmStart).toEqual({ used: true, note: 'the sweeps of 24 periods started from the given voltages' });
  });

  it('vpp-game: Gauss–Seidel starts at the neighbour’s equilibrium quantities', async () => {
    const { cold, warm } = await coldAndWarm({ base: { kind: 'vpp-game', scenario: asset('classroom-two-vpps') }, design: sweep('market.feedInPricePerKwh', [0.045, 0.05, 0.055]) });
    const tolKw = (cold.runs[0] as JobResult<'vpp-game'>).certificate!.toleranceKw;
    expectClose(cold.result, warm.result, 1e-4);
    const certs = (runs: JobResult[]) => runs.map((r) => (r as JobResult<'vpp-game'>).certificate!);
    certs(warm.runs).forEach((c, k) => {
      expect(c.residualHistory.at(-1)!).toBeLessThanOrEqual(tolKw);
      expect(c.maxRelativeDeviationGain, `point ${k}`).toBeLessThan(1e-6);
    });
    const [c, w] = [certs(cold.runs).map((x) => x.sweeps), certs(warm.runs).map((x) => x.sweeps)];
    expect(w[0]).toBe(c[0]);
    for (let k = 1; k < c.length; k++) expect(w[k]!, `point ${k}`).toBeLessThan(c[k]!);
    // the equilibrium quantities agree within a few tolerances of the iteration
    const q = (r: JobResult) => (r as JobResult<'vpp-game'>).data!.equilibrium.flatMap((v) => v.q);
    cold.runs.forEach((r, k) => q(r).forEach((x, i) => expect(Math.abs(x - q(warm.runs[k]!)[i]!)).toBeLessThan(10 * tolKw)));
  }, 120_000);

  it('kda: best response starts from the neighbour’s strategy profile and still certifies an ε-equilibrium', async () => {
    const scenario = asset('k-double-auction') as { kda: { typePoints: number; start: string } };
    scenario.kda.typePoints = 41;
    // from truthful bidding; the linear start is the analytic equilibrium already, and a warm start is ignored there
    scenario.kda.start = 'truthful';
    const { cold, warm } = await coldAndWarm({ base: { kind: 'kda', scenario: scenario as JobRequest['scenario'] }, design: sweep('kda.k', [0.45, 0.5, 0.55]) });
    const certs = (runs: JobResult[]) => runs.map((r) => (r as JobResult<'kda'>).certificate!);
    for (const c of [...certs(cold.runs), ...certs(warm.runs)]) expect(c.isEpsilonEquilibrium).toBe(true);
    const [c, w] = [certs(cold.runs).map((x) => x.iterations), certs(warm.runs).map((x) => x.iterations)];
    expect(w.slice(1).reduce((a, b) => a + b, 0)).toBeLessThan(c.slice(1).reduce((a, b) => a + b, 0));
    expect(warm.result.points.map((p) => p.warmStartFrom)).toEqual([undefined, 0, 1]);
    // the k-double auction has a continuum of equilibria: from another start the iteration may settle on
    // another one (a continuation of the neighbour's), so the outputs are not compared, only certified
  }, 120_000);

  it('ev-bayesian: best response starts from the neighbour’s type-contingent quantities and still certifies', async () => {
    const { cold, warm } = await coldAndWarm({ base: { kind: 'ev-bayesian', scenario: asset('ev-parking-lot') }, design: sweep('evMarket.carbonPricePerKg', [0.05, 0.06]) });
    const certs = (runs: JobResult[]) => runs.map((r) => (r as JobResult<'ev-bayesian'>).certificate!);
    for (const c of [...certs(cold.runs), ...certs(warm.runs)]) expect(c.isEpsilonEquilibrium).toBe(true);
    expect(warm.result.points.map((p) => p.warmStartFrom)).toEqual([undefined, 0]);
    expect(warm.runs[1]!.warmStart?.used).toBe(true);
    expect(certs(warm.runs)[1]!.iterations).toBeLessThan(certs(cold.runs)[1]!.iterations);
  }, 120_000);
});

/** A fake warm-startable job: it answers like fakePowerflow and hands back, as its warm state, the scale it solved. */
function markingExecutor(): Executor & { startedFrom: (number | null)[] } {
  const startedFrom: (number | null)[] = [];
  return Object.assign(
    async (request: JobRequest) => {
      const given = request.warmStart as unknown as { scale: number } | undefined;
      startedFrom.push(given ? given.scale : null);
      const scale = (request.scenario.network as { loadScale?: number }).loadScale ?? 1;
      return { ...fakePowerflow(request), warmStart: given ? { used: true, note: '' } : undefined, warmState: { scale } as unknown as WarmStart } as JobResult;
    },
    { startedFrom },
  );
}

describe('where each point starts from', () => {
  const run = (design: StudyDesign, concurrency = 1) => {
    const exec = markingExecutor();
    return runStudy({ base: baseRequest, design }, exec, { warmStart: true, concurrency }).then((result) => ({ result, exec }));
  };

  it('a sweep chains along its path', async () => {
    const { result, exec } = await run(sweep('network.loadScale', [1, 2, 3, 4]));
    expect(result.points.map((p) => p.warmStartFrom)).toEqual([undefined, 0, 1, 2]);
    expect(exec.startedFrom).toEqual([null, 1, 2, 3]);
  });

  it('a grid chains along its rows; a row starts from the row above', async () => {
    const design: StudyDesign = {
      kind: 'grid',
      param: { path: 'network.loadScale', values: { kind: 'list', values: [1, 2] } },
      param2: { path: 'network.buses[id=2].pdKw', values: { kind: 'list', values: [10, 20, 30] } },
    };
    const { result } = await run(design);
    expect(result.points.map((p) => p.warmStartFrom)).toEqual([undefined, 0, 1, 0, 3, 4]);
  });

  it('tornado points start from the base point, Monte Carlo samples from the base solved first', async () => {
    const tornado = await run({ kind: 'tornado', params: ['network.loadScale', 'network.buses[id=2].pdKw'], deltaPct: 10 }, 2);
    expect(tornado.result.points.map((p) => p.warmStartFrom)).toEqual([undefined, 0, 0, 0, 0]);
    const mc = await run({ kind: 'monte-carlo', params: [{ path: 'network.loadScale', distribution: { kind: 'uniform', min: 0.5, max: 1.5 } }], samples: 4, seed: 3 }, 2);
    expect(mc.result.points.map((p) => p.warmStartFrom)).toEqual(['base', 'base', 'base', 'base']);
    expect(mc.exec.startedFrom).toEqual([null, 1, 1, 1, 1]); // the base (scale 1) first, then every sample from it
  });

  it('is off unless asked, and off for kinds that cannot use it', async () => {
    const exec = markingExecutor();
    const result = await runStudy({ base: baseRequest, design: sweep('network.loadScale', [1, 2]) }, exec);
    expect(exec.startedFrom).toEqual([null, null]);
    expect(result.points.every((p) => !('warmStartFrom' in p))).toBe(true);
    const opf = markingExecutor();
    await runStudy({ base: { ...baseRequest, kind: 'opf' as JobKind } as JobRequest, design: sweep('network.loadScale', [1, 2]) }, opf, { warmStart: true });
    expect(opf.startedFrom).toEqual([null, null]);
  });
});

describe('a warm start that does not fit is ignored, with the reason', () => {
  it.each([
    [{ vmPu: [[1]], vaDeg: [[0]] }, 'the warm start has no voltages for the 24 periods'],
    [{ vmPu: Array(24).fill([1, 1]), vaDeg: Array(24).fill([0, 0]) }, 'the warm start\u2019s period 0 does not hold 33 finite voltages (magnitudes above 0)'.replace('\u2019', "'")],
  ])('powerflow %#', async (warmStart, note) => {
    const r = await runJob({ kind: 'powerflow', scenario: asset('ieee33-day'), warmStart: warmStart as WarmStart<'powerflow'> });
    expect(r.status).toBe('ok');
    expect(r.warmStart).toEqual({ used: false, note });
  });

  it('vpp-game with another VPP set, and a kind without warm starts', async () => {
    const r = await runJob({ kind: 'vpp-game', scenario: asset('classroom-two-vpps'), warmStart: { q: { nobody: [1] } } });
    expect(r.status).toBe('ok');
    expect(r.warmStart?.used).toBe(false);
    expect(r.warmStart?.note).toMatch(/^the warm start has no 24 quantities for VPP "/);
    const opf = await runJob({ kind: 'opf', scenario: asset('ieee33-der'), warmStart: {} as never });
    expect(opf.warmStart).toEqual({ used: false, note: 'a opf job cannot start from a given solution' });
  }, 60_000);
});
