import { describe, expect, it } from 'vitest';
import { runStudy } from '../../solver/whatif/execute.ts';
import { studyPlots, paramAxisTitle } from '../../renderer/src/whatif/studyPlots.ts';
import { baseRequest, countingExecutor } from '../solver/whatif/fixtures.ts';

const list = (values: number[]) => ({ kind: 'list' as const, values });

describe('studyPlots', () => {
  it('a sweep draws one line per scalar output, with a gap and a mark where a point did not solve', async () => {
    const result = await runStudy({ base: baseRequest, outputs: ['minVoltagePu'], design: { kind: 'sweep', param: { path: 'network.loadScale', values: list([0.5, -1, 1]) } } }, countingExecutor());
    const [plot] = studyPlots(result);
    const trace = plot!.data[0] as { x: number[]; y: (number | null)[] };
    expect(trace.x).toEqual([0.5, -1, 1]);
    expect(trace.y[1]).toBeNull();
    expect(trace.y[0]).toBeTypeOf('number');
    expect(plot!.layout.shapes).toHaveLength(1);
    expect(plot!.note).toMatch(/^1 of 3 points not solved, e\.g\. network\.loadScale = -1: invalid: /);
  });

  it('a sweep draws one line per entity of a per-entity output, and a heat map of a series', async () => {
    const result = await runStudy({ base: baseRequest, outputs: ['busVoltagePu', 'lossesKw'], design: { kind: 'sweep', param: { path: 'network.loadScale', values: list([1, 2]) } } }, countingExecutor());
    const [perBus, series] = studyPlots(result);
    expect(perBus!.data.map((t) => t.name)).toEqual(['bus 1', 'bus 2', 'bus 3']);
    expect(series!.data[0]!.type).toBe('heatmap');
    expect((series!.data[0] as { z: number[][] }).z).toHaveLength(2); // two periods up, two points across
  });

  it('a grid draws a heat map of a scalar output, the second parameter up, a blank cell where a point failed', async () => {
    const result = await runStudy(
      {
        base: baseRequest,
        outputs: ['minVoltagePu', 'lossesKw'],
        design: { kind: 'grid', param: { path: 'network.loadScale', values: list([-1, 1, 2]) }, param2: { path: 'network.buses[id=2].pdKw', values: list([50, 100]) } },
      },
      countingExecutor(),
    );
    const [heat, series] = studyPlots(result);
    const z = (heat!.data[0] as { z: (number | null)[][] }).z;
    expect(z).toHaveLength(2);
    expect(z[0]).toHaveLength(3);
    expect(z[0]![0]).toBeNull();
    expect(series!.data).toEqual([]);
    expect(series!.note).toContain('a heat map needs a scalar output');
  });

  it('axis titles carry the unit of the swept field', () => {
    expect(paramAxisTitle('network.buses[id=18].pdKw')).toBe('network.buses[id=18].pdKw (kW)');
    expect(paramAxisTitle('network.loadScale')).toBe('network.loadScale (×)');
  });
});

describe('studyPlots of a tornado', () => {
  it('draws the −/+ deltas of each parameter as bars, the largest swing on top', async () => {
    const result = await runStudy(
      { base: baseRequest, outputs: ['minVoltagePu'], design: { kind: 'tornado', params: ['network.buses[id=2].pdKw', 'network.loadScale'], deltaPct: 20 } },
      countingExecutor(),
    );
    const [plot] = studyPlots(result);
    const [low, high] = plot!.data as { y: string[]; x: (number | null)[] }[];
    expect(low!.y).toEqual(high!.y);
    // plotly's first category is the bottom one: the largest swing comes last
    const swing = (k: number) => Math.abs(high!.x[k]! - low!.x[k]!);
    expect(swing(1)).toBeGreaterThanOrEqual(swing(0));
  });
});
