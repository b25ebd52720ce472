/**
 * The equilibrium-path view (renderer/src/whatif/equilibriumPlots.ts) and the
 * contour view of a grid (studyPlots with grid: 'contour'), on hand-made
 * study results whose numbers are known.
 */
import { describe, expect, it } from 'vitest';
import { defaultPair, equilibriumView, participants } from '../../renderer/src/whatif/equilibriumPlots.ts';
import { studyPlots } from '../../renderer/src/whatif/studyPlots.ts';
import { svgOfImage } from '../../renderer/src/components/Plot.tsx';
import type { JobKind } from '../../solver/contract.ts';
import { jobOutputs, outputInfo, type OutputValue } from '../../solver/whatif/outputs.ts';
import type { PointResult, StudyResult } from '../../solver/whatif/result.ts';
import type { StudyDesign } from '../../solver/whatif/study.ts';

const FEE = 'market.serviceFeeMaxPerKwh';
const list = (values: number[]) => ({ kind: 'list' as const, values });

function result(job: JobKind, design: StudyDesign, ids: string[], values: Record<string, number>[], out: (k: number) => Record<string, OutputValue>, failed: number[] = []): StudyResult {
  const points = values.map((v, k): PointResult => ({
    index: k,
    values: v,
    status: failed.includes(k) ? 'not-converged' : 'ok',
    message: failed.includes(k) ? 'best responses did not settle' : 'solved',
    outputs: failed.includes(k) ? {} : out(k),
    at: {},
    scenarioHash: `h${k}`,
  }));
  const outputs = ids.map((id) => outputInfo((jobOutputs[job] as { id: string }[]).find((o) => o.id === id) as never));
  return { job, study: design, base: { scenarioHash: 'b', options: {}, seed: 1, backend: 'highs' }, outputs, pointCount: points.length, points, timingsMs: { total: 1, jobs: 1 }, version: '0.1.0' };
}

/** Three VPPs over a fee cap of 0, 0.01, 0.02: campus sells 900 − 10 000·fee kWh, civic 250 − 2 000·fee, school 626. */
const fees = [0, 0.01, 0.02];
const sales = (f: number) => ({ campus: 900 - 10_000 * f, civic: 250 - 2000 * f, school: 626 });
const vppSweep = (ids = ['p2pSalesKwh', 'payoff'], failed: number[] = []) =>
  result('vpp-game', { kind: 'sweep', param: { path: FEE, values: list(fees) } }, ids, fees.map((f) => ({ [FEE]: f })), (k) => ({ p2pSalesKwh: sales(fees[k]!), payoff: { campus: -70 - 1000 * fees[k]!, civic: -170, school: 45 - 500 * fees[k]! } }), failed);

describe('equilibriumView of a vpp-game sweep', () => {
  it('draws one line per VPP for the strategy and for the payoff', () => {
    const view = equilibriumView(vppSweep());
    expect(view.note).toBeUndefined();
    expect(view.strategies.map((p) => p.outputId)).toEqual(['p2pSalesKwh']);
    expect(view.payoffs.map((p) => p.outputId)).toEqual(['payoff']);
    const lines = view.strategies[0]!.data as { name: string; x: number[]; y: number[] }[];
    expect(lines.map((l) => l.name)).toEqual(['VPP campus', 'VPP civic', 'VPP school']);
    expect(lines[0]!.x).toEqual(fees);
    expect(lines[0]!.y).toEqual([900, 800, 700]);
  });

  it('the trajectory puts the first VPP across and the second up, one point per fee, labelled with it; no diagonal where their ranges do not meet', () => {
    const view = equilibriumView(vppSweep());
    expect(view.pair!.map((p) => p.key)).toEqual(['p2pSalesKwh:campus', 'p2pSalesKwh:civic']);
    const t = view.trajectory!;
    const trace = t.data[0] as { x: number[]; y: number[]; text: string[]; customdata: number[] };
    expect(trace.x).toEqual([900, 800, 700]);
    expect(trace.y).toEqual([250, 230, 210]);
    expect(trace.text).toEqual(['0', '0.01', '0.02']);
    expect(t.layout.xaxis!.title).toEqual({ text: 'VPP campus (kWh)' });
    expect(t.title).toBe(`P2P sales per VPP: VPP campus against VPP civic, one point per ${FEE}`);
    expect(t.layout.shapes).toEqual([]); // campus (700–900 kWh) and civic (210–250 kWh) share no range: no diagonal
    // the arrow points from the second-last point to the last: the direction of the sweep
    const arrow = t.layout.annotations!.find((a) => a.showarrow)!;
    expect([arrow.ax, arrow.ay, arrow.x, arrow.y]).toEqual([800, 230, 700, 210]);
    expect(t.outputId).not.toMatch(/[:/\\]/); // a file name for the exports
  });

  it('a pair can be picked; a key that is not a participant falls back to the default', () => {
    const view = equilibriumView(vppSweep(), ['p2pSalesKwh:school', 'p2pSalesKwh:campus']);
    expect((view.trajectory!.data[0] as { x: number[] }).x).toEqual([626, 626, 626]);
    expect(equilibriumView(vppSweep(), ['p2pSalesKwh:nobody', 'p2pSalesKwh:campus']).pair!.map((p) => p.entityId)).toEqual(['campus', 'civic']);
  });

  it('a point that did not solve is a gap in the lines and the trajectory, with the reason under it', () => {
    const view = equilibriumView(vppSweep(undefined, [1]));
    expect((view.strategies[0]!.data[0] as { y: (number | null)[] }).y).toEqual([900, null, 700]);
    const trace = view.trajectory!.data[0] as { x: (number | null)[]; text: string[]; connectgaps: boolean };
    expect(trace.x).toEqual([900, null, 700]);
    expect(trace.connectgaps).toBe(false);
    expect(trace.text).toEqual(['0', '', '0.02']);
    expect(view.trajectory!.note).toBe(`1 of 3 points not solved, e.g. ${FEE} = 0.01: not-converged: best responses did not settle`);
  });

  it('says which equilibrium outputs the run did not record', () => {
    const view = equilibriumView(vppSweep(['p2pSalesKwh']));
    expect(view.payoffs).toEqual([]);
    expect(view.note).toBe('not recorded in this run: Payoff per VPP (tick them under Outputs and run again)');
  });

  it('is not drawn for a grid or for a job that is not a game', () => {
    const g = result('vpp-game', { kind: 'grid', param: { path: FEE, values: list([0]) }, param2: { path: 'market.feedInPricePerKwh', values: list([0.05]) } }, ['p2pSalesKwh'], [{ [FEE]: 0, 'market.feedInPricePerKwh': 0.05 }], () => ({ p2pSalesKwh: sales(0) }));
    expect(equilibriumView(g).note).toContain('an equilibrium path follows one parameter');
    expect(equilibriumView(g).trajectory).toBeNull();
    const pf = result('powerflow', { kind: 'sweep', param: { path: 'network.loadScale', values: list([1]) } }, ['minVoltagePu'], [{ 'network.loadScale': 1 }], () => ({ minVoltagePu: 0.95 }));
    expect(equilibriumView(pf).note).toBe('powerflow is not a game: it has no equilibrium to follow');
  });
});

describe('the default trajectory pair', () => {
  it('with two strategy outputs (bid and ask), the middle type of each: the buyer of value 0.5 against the seller of cost 0.5', () => {
    const k = [0.25, 0.5, 0.75];
    // made-up but shaped like the game: a larger k moves the price towards the bid, so buyers shade more and sellers less
    const bid = (kk: number) => Object.fromEntries([0, 0.25, 0.5, 0.75, 1].map((v) => [`v=${v}`, (2 * v) / 3 + kk / 3]));
    const ask = (kk: number) => Object.fromEntries([0, 0.25, 0.5, 0.75, 1].map((c) => [`c=${c}`, (2 * c) / 3 + 0.25 - kk / 6]));
    const r = result('kda', { kind: 'sweep', param: { path: 'kda.k', values: list(k) } }, ['bidByType', 'askByType'], k.map((x) => ({ 'kda.k': x })), (i) => ({ bidByType: bid(k[i]!), askByType: ask(k[i]!) }));
    const list5 = participants(r);
    expect(list5.map((p) => p.label)).toEqual(['buyer v=0', 'buyer v=0.25', 'buyer v=0.5', 'buyer v=0.75', 'buyer v=1', 'seller c=0', 'seller c=0.25', 'seller c=0.5', 'seller c=0.75', 'seller c=1']);
    expect(defaultPair(list5)!.map((p) => p.label)).toEqual(['buyer v=0.5', 'seller c=0.5']);
    const t = equilibriumView(r).trajectory!;
    expect((t.data[0] as { x: number[] }).x[1]).toBeCloseTo(1 / 3 + 0.5 / 3, 12);
    expect(t.layout.annotations!.some((a) => a.text === 'buyer v=0.5 = seller c=0.5')).toBe(true);
    // bids span [5/12, 7/12], asks [11/24, 13/24]: the diagonal bid = ask over the range they share
    const [diagonal] = t.layout.shapes!;
    expect([diagonal!.x0, diagonal!.x1]).toEqual([diagonal!.y0, diagonal!.y1]);
    expect(diagonal!.x0).toBeCloseTo(11 / 24, 12);
    expect(diagonal!.x1).toBeCloseTo(13 / 24, 12);
  });

  it('is null with fewer than two participants', () => {
    expect(defaultPair([{ key: 'x:a', outputId: 'x', entityId: 'a', label: 'a' }])).toBeNull();
  });
});

describe('a grid as a contour plot', () => {
  const L = 'network.loadScale';
  const V = 'network.substation.vmPu';
  const xs = [1, 2, 3];
  const ys = [1, 1.05];
  const grid = result('powerflow', { kind: 'grid', param: { path: L, values: list(xs) }, param2: { path: V, values: list(ys) } }, ['minVoltagePu'], xs.flatMap((x) => ys.map((y) => ({ [L]: x, [V]: y }))), (k) => ({ minVoltagePu: 1 - 0.01 * k }), [5]);

  it('draws labelled isolines over the same z as the heat map, the failed cell null (a gap, not a zero) and crossed', () => {
    const [heat] = studyPlots(grid);
    const [contour] = studyPlots(grid, { grid: 'contour' });
    const surface = contour!.data[0] as { type: string; z: (number | null)[][]; connectgaps: boolean; contours: { showlabels: boolean } };
    expect((heat!.data[0] as { type: string }).type).toBe('heatmap');
    expect(surface.type).toBe('contour');
    expect(surface.z).toEqual((heat!.data[0] as { z: unknown }).z);
    expect(surface.z[1]![2]).toBeNull(); // point 5 = (3, 1.05)
    expect(surface.z[0]![2]).toBeCloseTo(0.96, 12);
    expect(surface.connectgaps).toBe(false);
    expect(surface.contours.showlabels).toBe(true);
    const crosses = contour!.data[1] as { x: number[]; y: number[]; customdata: string[] };
    expect([crosses.x, crosses.y, crosses.customdata]).toEqual([[3], [1.05], ['not-converged: best responses did not settle']]);
    expect(contour!.layout.xaxis!.title).toEqual({ text: 'network.loadScale (×)' });
    expect(contour!.layout.yaxis!.title).toEqual({ text: 'network.substation.vmPu (p.u.)' });
  });
});

describe('svgOfImage', () => {
  it('reads the SVG out of plotly’s data URL, URI-encoded or base64', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>Δ 50 %</text></svg>';
    expect(svgOfImage(`data:image/svg+xml,${encodeURIComponent(svg)}`)).toBe(svg);
    expect(svgOfImage(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`)).toBe(svg);
    expect(svgOfImage(svg)).toBe(svg);
  });
});
