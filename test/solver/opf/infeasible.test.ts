import { describe, expect, it } from 'vitest';
import { runJob } from '../../../solver/jobs/run.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { readAsset } from '../support/network.ts';
import { congestedFeeder } from './support.ts';

describe('runJob({kind: "opf"}) when no operating point exists', () => {
  it('names the bus, its limit and the hour when a voltage floor is out of reach, with the path of the field', async () => {
    const scenario = JSON.parse(readAsset('scenarios/ieee33-day.ggs.json')) as ScenarioInput;
    for (const b of scenario.network.buses) b.vminPu = 0.95;
    const result = await runJob({ kind: 'opf', scenario, backend: 'highs' });
    expect(result.status).toBe('infeasible');
    expect(result.message).toMatch(/^no operating point satisfies every limit: bus 18 voltage cannot be kept above 0\.95 p\.u\. at 18:00 \(it reaches only 0\.9\d+ p\.u\.\)/);
    expect(result.error!.path).toBe('network.buses[17].vminPu');
  });

  it('names the import limit and the hour it is too low', async () => {
    const scenario = congestedFeeder();
    // without its generators, line rating and tight voltage floor the chain is limited by the import alone
    scenario.network.substation!.importLimitKw = 1500;
    scenario.network.der = {};
    delete scenario.network.lines![0]!.rateKva;
    delete scenario.network.buses[4]!.vminPu;
    const result = await runJob({ kind: 'opf', scenario });
    expect(result.status).toBe('infeasible');
    expect(result.message).toMatch(/^no operating point satisfies every limit: the grid import limit of 1500 kW is too low at 18:00 \(2000 kW needed\)/);
    expect(result.error!.path).toBe('network.substation.importLimitKw');
  });

  it('reports a solved DER sample with its certificate and the backend used', async () => {
    const result = await runJob({ kind: 'opf', scenario: JSON.parse(readAsset('scenarios/ieee33-der.ggs.json')), backend: 'highs', options: { acComparison: false } });
    expect(result.status).toBe('ok');
    expect(result.certificate!.lp.backend).toBe('highs');
    expect(result.certificate!.lp.objective).toBeCloseTo(result.data!.summary.cost, 9);
  });
});
