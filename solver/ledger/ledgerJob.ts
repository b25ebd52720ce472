/**
 * The `ledger` job: the scenario's mechanism-lab clearing settled into a
 * ledger (rounds.ts, settle.ts) and verified end to end (verify.ts) — the
 * verification is the certificate —, QoT reputation over repeated markets of
 * the first period's book (reputation.ts), the malleability cases on the
 * first trade (malleability.ts) and the two tangles (tangle.ts).
 */
import type { JobDefinition } from '../jobs/types.ts';
import { SolverError } from '../jobs/errors.ts';
import { atMost } from '../jobs/certification.ts';
import { contentHash } from '../hash.ts';
import { VERSION } from '../version.ts';
import { scenarioBook } from '../market/mechanismJob.ts';
import { mechanismRounds } from './rounds.ts';
import { settleLedger } from './settle.ts';
import { verifyLedger } from './verify.ts';
import { isReplayable } from './contract.ts';
import { malleabilityCases } from './malleability.ts';
import { simulateReputation } from './reputation.ts';
import { simulateTangles } from './tangle.ts';
import { SettleError } from './errors.ts';
import type { TradeBody } from './format.ts';

/** The trade the malleability cases use when the market cleared none. */
const SAMPLE_TRADE: TradeBody = { kind: 'trade', run: 'sample', market: 'sample', period: 1, seq: 0, seller: 'seller', buyer: 'buyer', kWh: 1, price: 0.2, amount: 0.2 };

export const ledgerJob: JobDefinition<'ledger'> = {
  kind: 'ledger',
  *run(scenario, o, ctx) {
    let rounds;
    try {
      rounds = yield* mechanismRounds(scenario, o.mechanism, o.k, ctx.seed);
    } catch (e) {
      if (e instanceof SettleError) throw new SolverError({ code: 'invalid-scenario', message: e.message, path: 'bidBook', hint: 'settle with a rule that accepts this book (options.mechanism)' });
      throw e;
    }
    yield { fraction: 0.4, stage: 'signing' };
    const ledger = settleLedger(rounds, {
      run: { scenario: scenario.metadata.name, scenarioHash: contentHash(scenario), job: 'mechanism', market: o.mechanism, software: `GridGame Studio ${VERSION}` },
      keySeed: o.keySeed,
      neutral: { nodes: o.neutralNodes, threshold: o.threshold },
      f: o.f,
    });
    yield { fraction: 0.6, stage: 'verifying' };
    const report = verifyLedger(ledger);
    yield { fraction: 0.75, stage: 'QoT reputation' };
    const section = scenario.bidBook!;
    const { book } = scenarioBook(scenario);
    const reputation = isReplayable(o.mechanism)
      ? simulateReputation(book, { ...o.reputation, seed: ctx.seed, mechanism: o.mechanism, k: o.k, tariff: { gridBuy: section.gridBuyPricePerKwh, gridSell: section.gridSellPricePerKwh } })
      : null;
    const first = ledger.blocks.flatMap((b) => b.transactions).find((t) => t.body.kind === 'trade')?.body as TradeBody | undefined;
    yield { fraction: 0.9, stage: 'tangles' };
    const t = o.tangle;
    const tangle = simulateTangles({ rates: { energy: t.energyRate, spectrum: t.spectrumRate }, duration: t.duration, alpha: t.alpha, confirmWeight: t.confirmWeight, anchorEvery: t.anchorEvery, seed: ctx.seed });
    return {
      data: { ledger, report, reputation, malleability: malleabilityCases(first ?? SAMPLE_TRADE, o.keySeed), tangle },
      certificate: {
        faults: report.faults.length,
        firstFault: report.faults[0] ? `${report.faults[0].path}: ${report.faults[0].message}` : null,
        blocks: report.blocks,
        transactions: report.transactions,
        recleared: report.recleared,
        configHash: report.configHash,
        scope: 'proves: every id is the hash of its body, every signature verifies, every co-signature set meets its threshold, every block has 2f + 1 commits and links to the previous one, and every re-clearable block gives its trades again from its bids; does not prove: that the keys are secret (they derive from a public seed)',
      },
      warnings: reputation ? [] : [`QoT reputation needs a rule that re-clears from bids alone; ${o.mechanism} does not`],
    };
  },
  verdict: (c) => atMost('ledger faults found by verification', c.faults, 0, () => `the ledger does not verify: ${c.firstFault}`),
};
