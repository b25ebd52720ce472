/**
 * The mechanism lab's market rounds for a ledger, shared by `ggs ledger
 * settle` (settleRun.ts) and the `ledger` job (ledgerJob.ts): the rule run on
 * each period of the book with the misreport search off, its trades and the
 * period's bids as the block's contract.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { JobProgress } from '../jobs/core.ts';
import { SolverError } from '../jobs/errors.ts';
import { MechanismOptions } from '../jobs/kinds/mechanism.ts';
import { MECHANISM_IDS, type MechanismId } from '../market/mechanismIds.ts';
import { periods } from '../market/book.ts';
import { mechanismJob, scenarioBook, scenarioFullBook } from '../market/mechanismJob.ts';
import { mechanismRound } from './adapters.ts';
import { SettleError } from './errors.ts';
import type { MarketRound } from './settle.ts';

/** Runs a generator job to its end (its progress is not needed here). */
export function drain<T>(gen: Generator<unknown, T, void>): T {
  for (;;) {
    const step = gen.next();
    if (step.done) return step.value;
  }
}

/**
 * The mechanism lab's rounds: the rule run on each period of the book (misreport search off), its trades and the
 * period's bids as the block's contract. A generator, so the `ledger` job can pass the mechanism job's progress on.
 */
export function* mechanismRounds(scenario: Scenario, mechanism: MechanismId, k: number, seed: number): Generator<JobProgress, MarketRound[], void> {
  if (!MECHANISM_IDS.includes(mechanism)) throw new SettleError(`unknown mechanism "${mechanism}"; one of ${MECHANISM_IDS.join(', ')}`);
  const section = scenario.bidBook;
  if (!section) throw new SettleError('the scenario has no bidBook section to clear');
  const all = periods(scenarioFullBook(scenario));
  const tariff = { gridBuy: section.gridBuyPricePerKwh, gridSell: section.gridSellPricePerKwh };
  const rounds: MarketRound[] = [];
  for (const period of all.length ? all : [1]) {
    const options = MechanismOptions.parse({ mechanisms: [mechanism], misreport: false, period, k });
    let out;
    try {
      out = yield* mechanismJob.run(scenario, options, { seed, backend: 'glpk' });
    } catch (e) {
      if (e instanceof SolverError) throw new SettleError(`the mechanism job did not solve: ${e.message}`);
      throw e;
    }
    rounds.push(mechanismRound(out.data, mechanism, scenarioBook(scenario, period).book, { k, tariff }));
  }
  return rounds;
}

