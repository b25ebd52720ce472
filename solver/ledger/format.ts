/**
 * The ledger file `.ggsledger.json` (docs/models/ledger.md, "File"): its zod
 * schema and types. Every field is under a hash or a signature: the config by
 * `configHash` (repeated in every block header), a transaction body by its id,
 * the ids by the Merkle root, the header by the block hash, the block hash by
 * the validators' commit signatures and by the next block's `prevHash`.
 * Hex is lowercase only, so a case flip cannot re-encode the same bytes.
 */
import { z } from 'zod';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${2 * bytes}}$`), `${2 * bytes} lowercase hex digits`);
export const hash32 = hex(32);
export const signatureHex = hex(64);
export const publicKeyHex = hex(32);

export const LEDGER_FORMAT = 'ggsledger';
export const LEDGER_VERSION = 1;

export const nodeKey = z.object({ name: z.string().min(1), publicKey: publicKeyHex }).strict();
export type NodeKey = z.infer<typeof nodeKey>;

export const ledgerConfig = z
  .object({
    /** where the trades come from */
    run: z
      .object({
        scenario: z.string(),
        scenarioHash: z.string(),
        job: z.string(),
        /** e.g. "uniform-price" for the mechanism job */
        market: z.string(),
        /** the seed the keys are derived from (teaching keys: anyone with it can sign) */
        keySeed: z.string(),
        software: z.string(),
      })
      .strict(),
    /** trading parties (pseudonymous), each signs the trades it is in */
    parties: z.array(nodeKey),
    /** neutral nodes co-signing every transaction: `threshold` of them must */
    neutral: z.object({ threshold: z.number().int().min(1), nodes: z.array(nodeKey).min(1) }).strict(),
    /** PBFT validators, n = 3f + 1: a block needs 2f + 1 commit signatures */
    validators: z.object({ f: z.number().int().min(0), nodes: z.array(nodeKey).min(1) }).strict(),
  })
  .strict();
export type LedgerConfig = z.infer<typeof ledgerConfig>;

export const tradeBody = z
  .object({
    kind: z.literal('trade'),
    run: z.string(),
    market: z.string(),
    period: z.number().int(),
    seq: z.number().int().min(0),
    seller: z.string().min(1),
    buyer: z.string().min(1),
    kWh: z.number().finite().nonnegative(),
    /** currency per kWh */
    price: z.number().finite(),
    /** kWh × price, rounded to 1e-9 */
    amount: z.number().finite(),
  })
  .strict();
export const rewardBody = z
  .object({
    kind: z.literal('reward'),
    run: z.string(),
    market: z.string(),
    period: z.number().int(),
    seq: z.number().int().min(0),
    /** the validator paid out of the mechanism's budget surplus */
    validator: z.string().min(1),
    amount: z.number().finite().nonnegative(),
  })
  .strict();
export const txBody = z.discriminatedUnion('kind', [tradeBody, rewardBody]);
export type TradeBody = z.infer<typeof tradeBody>;
export type RewardBody = z.infer<typeof rewardBody>;
export type TxBody = z.infer<typeof txBody>;

export const signedBy = z.object({ name: z.string().min(1), signature: signatureHex }).strict();
export type SignedBy = z.infer<typeof signedBy>;

export const transaction = z
  .object({
    /** SHA-256 of the RFC 8785 canonical body: signatures are not part of it */
    id: hash32,
    body: txBody,
    /** the seller's and the buyer's signatures of a trade (none on a reward: the contract pays it) */
    parties: z.array(signedBy),
    /** neutral nodes' co-signatures (m of n) */
    cosigners: z.array(signedBy),
  })
  .strict();
export type Transaction = z.infer<typeof transaction>;

/** What every validator re-executes: the recorded bids and the rule's settings (smart-contract settlement). */
export const contractRecord = z
  .object({
    mechanism: z.string(),
    k: z.number(),
    tariff: z.object({ gridBuy: z.number(), gridSell: z.number() }).strict(),
    units: z.enum(['blocks', 'divisible']),
    bids: z.array(z.object({ agent: z.string(), side: z.enum(['buy', 'sell']), price: z.number(), quantity: z.number(), period: z.number().int().optional(), bus: z.string().optional() }).strict()),
  })
  .strict();
export type ContractRecord = z.infer<typeof contractRecord>;

export const blockHeader = z
  .object({
    height: z.number().int().min(0),
    prevHash: hash32,
    configHash: hash32,
    merkleRoot: hash32,
    txCount: z.number().int().min(0),
    /** SHA-256 of the canonical contract record, or null when the market cannot be re-cleared from bids */
    contractHash: hash32.nullable(),
    period: z.number().int(),
    /** the PBFT view and primary that proposed the block */
    view: z.number().int().min(0),
    proposer: z.string(),
  })
  .strict();
export type BlockHeader = z.infer<typeof blockHeader>;

export const block = z
  .object({
    hash: hash32,
    header: blockHeader,
    transactions: z.array(transaction),
    contract: contractRecord.nullable(),
    commits: z.array(signedBy),
  })
  .strict();
export type Block = z.infer<typeof block>;

export const ledgerFile = z
  .object({
    format: z.literal(LEDGER_FORMAT),
    version: z.literal(LEDGER_VERSION),
    configHash: hash32,
    config: ledgerConfig,
    blocks: z.array(block),
  })
  .strict();
export type LedgerFile = z.infer<typeof ledgerFile>;

/** The previous hash of the first block. */
export const GENESIS_PREV = '0'.repeat(64);

/** The file's bytes: two-space JSON and a final newline; verify insists on exactly this layout. */
export const serializeLedger = (ledger: LedgerFile): string => JSON.stringify(ledger, null, 2) + '\n';
