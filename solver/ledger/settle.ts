/**
 * Settling a run's cleared markets into a ledger: one block per market round
 * (period), each trade signed by its seller and buyer and co-signed by
 * `threshold` neutral nodes (a different subset for each transaction, so the
 * file shows that any m of the n will do), each block committed by the
 * validators' signatures of its hash. Keys derive from `keySeed`
 * (keys.ts), so the same run and seed give the same file, byte for byte.
 */
import { canonicalHash } from './canonical.ts';
import { commitMessage, deriveKeyPair, signText, type KeyPair } from './keys.ts';
import { merkleRoot } from './merkle.ts';
import { GENESIS_PREV, LEDGER_FORMAT, LEDGER_VERSION, type Block, type BlockHeader, type ContractRecord, type LedgerConfig, type LedgerFile, type Transaction, type TxBody } from './format.ts';
import { round9, signTransaction } from './transaction.ts';
import { executeContract, type LedgerTrade } from './contract.ts';
import { simulatePbft, type Behaviour } from './pbft.ts';
import { SettleError } from './errors.ts';

/** One market round to settle: its trades, and the bids a validator can re-clear them from when the rule allows. */
export interface MarketRound {
  period: number;
  trades: LedgerTrade[];
  contract: ContractRecord | null;
}

export interface SettleOptions {
  run: { scenario: string; scenarioHash: string; job: string; market: string; software: string };
  keySeed: string;
  /** neutral nodes n and the co-signature threshold m ≤ n */
  neutral: { nodes: number; threshold: number };
  /** validators tolerate f byzantine ones: n = 3f + 1 */
  f: number;
  /**
   * Order the blocks by a PBFT run (pbft.ts) with the first `faulty` validators byzantine: only the validators
   * that committed sign each block, and its header records the view and primary that got it committed. Without
   * it every validator commits in view 0. A run that breaks safety or liveness settles nothing.
   */
  consensus?: { faulty: number; behaviour: Behaviour; seed: number };
}

export const validatorNames = (f: number) => Array.from({ length: 3 * f + 1 }, (_, i) => `validator-${i}`);
export const neutralNames = (n: number) => Array.from({ length: n }, (_, i) => `neutral-${i}`);

export function blockHash(header: BlockHeader): string {
  return canonicalHash(header);
}

/** The keys of everyone in a ledger, from its seed. */
export function ledgerKeys(seed: string, parties: readonly string[], neutrals: readonly string[], validators: readonly string[]) {
  const make = (names: readonly string[]) => new Map(names.map((n) => [n, deriveKeyPair(seed, n)]));
  return { parties: make(parties), neutral: make(neutrals), validators: make(validators) };
}

export function settleLedger(rounds: readonly MarketRound[], options: SettleOptions): LedgerFile {
  const { neutral, f } = options;
  if (!(Number.isInteger(neutral.nodes) && neutral.nodes >= 1 && Number.isInteger(neutral.threshold) && neutral.threshold >= 1 && neutral.threshold <= neutral.nodes))
    throw new RangeError(`the co-signature threshold must be a whole number from 1 to the ${neutral.nodes} neutral nodes, not ${neutral.threshold}`);
  const validators = validatorNames(f);
  const rewardsOf = (r: MarketRound) => (r.contract ? executeContract(r.contract, validators).rewards : []);
  const partyNames = [...new Set(rounds.flatMap((r) => r.trades.flatMap((t) => [t.seller, t.buyer])))].sort();
  const keys = ledgerKeys(options.keySeed, partyNames, neutralNames(neutral.nodes), validators);
  const pub = (m: Map<string, KeyPair>) => [...m.values()].map((k) => ({ name: k.name, publicKey: k.publicKey }));
  const config: LedgerConfig = {
    run: { ...options.run, keySeed: options.keySeed },
    parties: pub(keys.parties),
    neutral: { threshold: neutral.threshold, nodes: pub(keys.neutral) },
    validators: { f, nodes: pub(keys.validators) },
  };
  const configHash = canonicalHash(config);
  const neutralKeys = [...keys.neutral.values()];
  // m consecutive neutral nodes, starting one further along for each transaction
  const cosignersOf = (seq: number) => Array.from({ length: neutral.threshold }, (_, j) => neutralKeys[(seq + j) % neutralKeys.length]!);
  const decided = decide(rounds.length, options);
  const blocks: Block[] = [];
  let seq = 0;
  for (const round of rounds) {
    const base = { run: options.run.scenarioHash, market: options.run.market, period: round.period };
    const transactions: Transaction[] = [];
    for (const t of round.trades) {
      const kWh = round9(t.kWh), price = round9(t.price);
      const body: TxBody = { kind: 'trade', ...base, seq, seller: t.seller, buyer: t.buyer, kWh, price, amount: round9(kWh * price) };
      transactions.push(signTransaction(body, [keys.parties.get(t.seller)!, keys.parties.get(t.buyer)!], cosignersOf(seq)));
      seq++;
    }
    for (const r of rewardsOf(round)) {
      const body: TxBody = { kind: 'reward', ...base, seq, validator: r.validator, amount: r.amount };
      transactions.push(signTransaction(body, [], cosignersOf(seq)));
      seq++;
    }
    const height = blocks.length;
    const header: BlockHeader = {
      height,
      prevHash: blocks[height - 1]?.hash ?? GENESIS_PREV,
      configHash,
      merkleRoot: merkleRoot(transactions.map((t) => t.id)),
      txCount: transactions.length,
      contractHash: round.contract ? canonicalHash(round.contract) : null,
      period: round.period,
      view: decided.views[height]!,
      proposer: validators[decided.views[height]! % validators.length]!,
    };
    const hash = blockHash(header);
    const commits = [...keys.validators.values()].filter((_, i) => decided.committers.includes(i)).map((k) => ({ name: k.name, signature: signText(commitMessage(hash), k) }));
    blocks.push({ hash, header, transactions, contract: round.contract, commits });
  }
  return { format: LEDGER_FORMAT, version: LEDGER_VERSION, configHash, config, blocks };
}

/** Who commits each block and in which view: everyone in view 0, or what a PBFT run decides. */
function decide(blocks: number, options: SettleOptions): { committers: number[]; views: number[] } {
  const n = 3 * options.f + 1;
  const c = options.consensus;
  if (!c || c.faulty === 0 || blocks === 0) return { committers: Array.from({ length: n }, (_, i) => i), views: Array.from({ length: blocks }, () => 0) };
  if (c.faulty > n) throw new SettleError(`${c.faulty} faulty validators among n = ${n}`);
  const faulty = Array.from({ length: c.faulty }, (_, i) => i);
  const run = simulatePbft({ f: options.f, faulty, behaviour: c.behaviour, blocks, seed: c.seed, minDelay: 0.2, maxDelay: 1, timeoutRounds: 4, horizonRounds: 10_000, timelineLimit: 0 });
  if (!run.safety.holds) throw new SettleError(`consensus failed: honest validators committed different blocks at height ${run.safety.conflicts[0]!.seq} (${c.faulty} ${c.behaviour} validators, f = ${options.f})`);
  if (!run.liveness.holds) throw new SettleError(`consensus failed: block ${run.blocks.find((b) => b.committedAt === null)?.seq ?? '?'} was never committed by every honest validator (${c.faulty} ${c.behaviour} validators, f = ${options.f})`);
  return { committers: Array.from({ length: n }, (_, i) => i).filter((i) => !faulty.includes(i)), views: run.blocks.map((b) => b.view ?? 0) };
}
