/**
 * Smart-contract settlement (MODELS.md §9): a block of a re-clearable market
 * records the bids and the rule's settings; every validator re-runs the rule
 * on them (the same pure code as the mechanism lab, solver/market) and
 * commits only if the block's trades are exactly what the rule gives. The
 * competition padding auction (CPA) keeps a budget surplus by design; the
 * contract pays it out to the validators in equal shares, as reward
 * transactions in the same block.
 */
import { mechanismRunner } from '../market/compare.ts';
import { MECHANISM_IDS, type MechanismId } from '../market/mechanismIds.ts';
import { outcomeMetrics } from '../market/metrics.ts';
import type { BidBook } from '../market/book.ts';
import type { ContractRecord, Transaction } from './format.ts';
import { round9 } from './transaction.ts';

/** One cleared trade as the ledger records it. */
export interface LedgerTrade {
  seller: string;
  buyer: string;
  kWh: number;
  price: number;
}

export interface ContractOutcome {
  trades: LedgerTrade[];
  /** the rule's budget: payments in minus out minus the grid bill */
  budget: number;
  rewards: { validator: string; amount: number }[];
}

/** Rules a contract can re-run from bids alone (AGV also needs priors fitted to a history, so its blocks carry no contract). */
export const REPLAYABLE: readonly MechanismId[] = MECHANISM_IDS.filter((m) => m !== 'agv');
export const isReplayable = (m: string): m is MechanismId => (REPLAYABLE as readonly string[]).includes(m);

/** The surplus the contract pays the validators: the CPA's budget surplus, split equally (nothing for other rules or a deficit). */
export function validatorRewards(mechanism: string, budget: number, validators: readonly string[]): { validator: string; amount: number }[] {
  if (mechanism !== 'cpa' || !(budget > 1e-9) || validators.length === 0) return [];
  const share = round9(budget / validators.length);
  return validators.map((validator) => ({ validator, amount: share }));
}

/** What the contract's rule gives on its recorded bids. */
export function executeContract(contract: ContractRecord, validators: readonly string[]): ContractOutcome {
  if (!isReplayable(contract.mechanism)) throw new Error(`the contract names "${contract.mechanism}", which cannot be re-cleared from bids (one of ${REPLAYABLE.join(', ')})`);
  const book: BidBook = { units: contract.units, bids: contract.bids };
  const outcome = mechanismRunner(contract.mechanism, book, { k: contract.k, tariff: contract.tariff })(book);
  const trades = outcome.trades.filter((t) => t.quantity > 0).map((t) => ({ seller: t.seller, buyer: t.buyer, kWh: round9(t.quantity), price: round9(t.price) }));
  const budget = outcomeMetrics(book, outcome).budget;
  return { trades, budget, rewards: validatorRewards(contract.mechanism, budget, validators) };
}

/**
 * A validator's check of a block: the trades and rewards the contract gives, in order, against the block's
 * transactions. Returns where the first difference is, or null when they agree.
 */
export function contractMismatch(contract: ContractRecord, transactions: readonly Transaction[], validators: readonly string[]): { index: number; message: string } | null {
  const expected = executeContract(contract, validators);
  const want = [
    ...expected.trades.map((t) => ({ kind: 'trade' as const, ...t })),
    ...expected.rewards.map((r) => ({ kind: 'reward' as const, ...r })),
  ];
  for (let i = 0; i < Math.max(want.length, transactions.length); i++) {
    const w = want[i], b = transactions[i]?.body;
    if (!w) return { index: i, message: `the contract gives ${want.length} transactions; the block has more` };
    if (!b) return { index: i, message: `the contract gives ${want.length} transactions; the block has ${transactions.length}` };
    const same = w.kind === 'trade'
      ? b.kind === 'trade' && b.seller === w.seller && b.buyer === w.buyer && b.kWh === w.kWh && b.price === w.price
      : b.kind === 'reward' && b.validator === w.validator && b.amount === w.amount;
    if (!same) return { index: i, message: `re-clearing the recorded bids gives ${w.kind === 'trade' ? `${w.seller} → ${w.buyer} ${w.kWh} kWh at ${w.price}` : `a reward of ${w.amount} to ${w.validator}`} here` };
  }
  return null;
}
