import { describe, expect, it } from 'vitest';
import { runJob } from '../../solver/jobs/run.ts';
import { resultTables } from '../../solver/results/tables.ts';
import { readAsset } from './support/network.ts';

describe('resultTables(result) for the Bayesian jobs', () => {
  it('kda: one strategy row per type, bid and ask beside their linear references, one convergence row per sweep', async () => {
    const scenario = JSON.parse(readAsset('scenarios/k-double-auction.ggs.json'));
    scenario.kda.typePoints = 21;
    const result = await runJob({ kind: 'kda', scenario });
    const { strategies, convergence } = resultTables(result);
    expect(strategies!.rows).toHaveLength(21);
    const [type, bid, , linearBid, ask, sellerUtility, linearAsk] = strategies!.rows[20]! as number[];
    expect(type).toBe(1);
    expect(bid).toBe(result.data!.buyer[20]!.action);
    expect(ask).toBe(result.data!.seller[20]!.action);
    expect(linearBid).toBeCloseTo(2 / 3 + 1 / 12, 12);
    expect(linearAsk).toBeCloseTo(2 / 3 + 1 / 4, 12);
    expect(sellerUtility).toBe(0); // a seller with the highest cost never trades
    expect(convergence!.rows).toHaveLength(result.certificate!.iterations);
  });
});
