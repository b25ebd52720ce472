import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JOB_KINDS } from '../../../solver/contract.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import { runJob } from '../../../solver/jobs/run.ts';
import { jobOutputs, selectOutputs } from '../../../solver/whatif/outputs.ts';

// a day of 24 periods with load profiles: series and per-entity outputs have something to show
const day = JSON.parse(readFileSync(new URL('../../../assets/scenarios/ieee33-day.ggs.json', import.meta.url), 'utf8')) as ScenarioInput;

describe('jobOutputs', () => {
  it('declares outputs for every job kind, with unique ids', () => {
    for (const kind of JOB_KINDS) {
      const ids = jobOutputs[kind].map((o) => o.id);
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('reads powerflow outputs of the declared shape from a real result', async () => {
    const result = await runJob({ kind: 'powerflow', scenario: day });
    const scenario = validateScenario(day);
    if (result.status !== 'ok' || !scenario.ok) throw new Error('the sample must solve');
    const data = result.data!;
    for (const spec of jobOutputs.powerflow) {
      const value = spec.extract(data);
      if (spec.shape === 'scalar') expect(value === null || Number.isFinite(value), spec.id).toBe(true);
      if (spec.shape === 'series') expect(value, spec.id).toHaveLength(scenario.value.time.T);
      if (spec.shape === 'per-entity') expect(Object.keys(value as object), spec.id).toEqual(spec.entities(scenario.value));
    }
    const byId = Object.fromEntries(jobOutputs.powerflow.map((o) => [o.id, o]));
    const losses = byId.lossesKw!.extract(data) as number[];
    expect(byId.peakLossesKw!.extract(data)).toBe(Math.max(...losses));
    expect(byId.energyLossesKwh!.extract(data)).toBeCloseTo(losses.reduce((a, b) => a + b, 0) * data.dtHours, 9);
    const busV = byId.busVoltagePu!.extract(data) as Record<string, number>;
    expect(byId.minVoltagePu!.extract(data)).toBe(Math.min(...Object.values(busV)));
  });
});

describe('selectOutputs', () => {
  it('gives every output by default and the chosen ones in the order chosen', () => {
    expect(selectOutputs('powerflow')).toBe(jobOutputs.powerflow);
    expect(selectOutputs('powerflow', ['lossesKw', 'minVoltagePu']).map((o) => o.id)).toEqual(['lossesKw', 'minVoltagePu']);
  });

  it('names the known outputs when an id is unknown', () => {
    expect(() => selectOutputs('powerflow', ['lossKw'])).toThrow(/unknown output "lossKw" for job powerflow; known outputs: energyLossesKwh, peakLossesKw/);
  });
});
