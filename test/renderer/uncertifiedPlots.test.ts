/** Uncertified points in study plots and summaries: plotted, marked in orange, counted. */
import { describe, expect, it } from 'vitest';
import { runStudy, type Executor } from '../../solver/whatif/execute.ts';
import { studyPlots } from '../../renderer/src/whatif/studyPlots.ts';
import { certificationCount, monteCarloSummary } from '../../solver/whatif/summary.ts';
import { baseRequest, countingExecutor } from '../solver/whatif/fixtures.ts';

/** The fake power flow, but the point at load scale 2 is answered with a certificate that fails. */
function withUncertified(): Executor {
  const inner = countingExecutor();
  return async (request, ctx) => {
    const r = await inner(request, ctx);
    if (ctx.point.assignments[0]?.value !== 2) return r;
    return { ...r, status: 'uncertified', message: 'solved, but not certified: last voltage change, p.u. 1.00e-6 > 1e-8', verdict: { certified: false, measure: 'last voltage change, p.u.', value: 1e-6, tolerance: 1e-8, reason: 'still moving' } };
  };
}

describe('uncertified points', () => {
  const study = { base: baseRequest, outputs: ['minVoltagePu'], design: { kind: 'sweep' as const, param: { path: 'network.loadScale', values: { kind: 'list' as const, values: [1, 2, -1] } } } };

  it('record their certificate summary and are counted apart from the points without an answer', async () => {
    const result = await runStudy(study, withUncertified());
    expect(result.points.map((p) => p.outputs['certificate.certified'])).toEqual([1, 0, undefined]);
    expect(result.points[1]!.outputs['certificate.value']).toBe(1e-6);
    expect(result.points[1]!.outputs.minVoltagePu).toBeTypeOf('number');
    expect(certificationCount(result)).toEqual({ certified: 1, uncertified: 1, noAnswer: 1 });
    expect(monteCarloSummary(result, 'minVoltagePu')).toMatchObject({ failed: 1, uncertified: 1, summary: { n: 2 } });
  });

  it('are plotted, marked by an orange diamond and a dashed line, and counted under the plot; the certificate outputs get no plot of their own', async () => {
    const result = await runStudy(study, withUncertified());
    const plots = studyPlots(result);
    expect(plots.map((p) => p.outputId)).toEqual(['minVoltagePu']);
    const [plot] = plots;
    const line = plot!.data[0] as { y: (number | null)[] };
    expect(line.y[1]).toBeTypeOf('number');
    const marked = plot!.data.find((t) => t.name === 'uncertified') as { x: number[]; marker: { symbol: string } };
    expect(marked.x).toEqual([2]);
    expect(marked.marker.symbol).toBe('diamond-open');
    expect((plot!.layout.shapes as { line: { dash: string } }[]).map((s) => s.line.dash).sort()).toEqual(['dash', 'dot']);
    expect(plot!.note).toMatch(/1 of 3 points not solved.*\. 1 of 3 points uncertified \(marked in orange/);
  });
});
