/**
 * The ledger file end to end: settling is reproducible, the sample verifies,
 * any single changed byte of a saved ledger is found (property test), a
 * co-signature set below its threshold is refused, a validly signed block
 * whose trades the recorded bids do not give is refused, and a transaction
 * is paid once.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeLedger, type LedgerFile } from '../../../solver/ledger/format.ts';
import { settleLedger, validatorNames, type MarketRound } from '../../../solver/ledger/settle.ts';
import { verifyLedger, verifyLedgerBytes } from '../../../solver/ledger/verify.ts';
import { deriveKeyPair, commitMessage, signText } from '../../../solver/ledger/keys.ts';
import { signTransaction } from '../../../solver/ledger/transaction.ts';
import { canonicalHash } from '../../../solver/ledger/canonical.ts';
import { merkleRoot } from '../../../solver/ledger/merkle.ts';
import { blockHash } from '../../../solver/ledger/settle.ts';
import { executeContract } from '../../../solver/ledger/contract.ts';

const root = join(import.meta.dirname, '../../..');
const sample = readFileSync(join(root, 'assets/ledgers/classroom-cpa.ggsledger.json'));
const run = { scenario: 'test', scenarioHash: 'h', job: 'mechanism', market: 'uniform-price', software: 'test' };
const contract = {
  mechanism: 'uniform-price',
  k: 0.5,
  tariff: { gridBuy: 11, gridSell: 1 },
  units: 'blocks' as const,
  bids: [
    { agent: 'b1', side: 'buy' as const, price: 10, quantity: 1 },
    { agent: 'b2', side: 'buy' as const, price: 8, quantity: 1 },
    { agent: 's1', side: 'sell' as const, price: 2, quantity: 1 },
    { agent: 's2', side: 'sell' as const, price: 3, quantity: 1 },
  ],
};
const rounds = (): MarketRound[] => [{ period: 1, trades: executeContract(contract, validatorNames(1)).trades, contract }];
const settle = (neutral = { nodes: 3, threshold: 2 }) => settleLedger(rounds(), { run, keySeed: 'test', neutral, f: 1 });

/** Re-seals a ledger after an edit the way a forger holding every key would: ids, Merkle roots, block hashes, links and commits recomputed. */
function reseal(ledger: LedgerFile, seed: string): LedgerFile {
  const l = structuredClone(ledger);
  let prev = '0'.repeat(64);
  for (const b of l.blocks) {
    b.header.prevHash = prev;
    b.header.merkleRoot = merkleRoot(b.transactions.map((t) => t.id));
    b.header.txCount = b.transactions.length;
    b.header.contractHash = b.contract ? canonicalHash(b.contract) : null;
    b.hash = blockHash(b.header);
    b.commits = b.commits.map((c) => ({ name: c.name, signature: signText(commitMessage(b.hash), deriveKeyPair(seed, c.name)) }));
    prev = b.hash;
  }
  return l;
}

describe('settling and verifying a ledger', () => {
  it('gives the same bytes for the same rounds and seed, and they verify', () => {
    const a = serializeLedger(settle()), b = serializeLedger(settle());
    expect(a).toBe(b);
    const report = verifyLedgerBytes(new TextEncoder().encode(a));
    expect(report.faults).toEqual([]);
    expect(report).toMatchObject({ ok: true, blocks: 1, transactions: 2, recleared: 1 });
  });

  it('the sample ledger in assets/ledgers verifies, re-clears and pays the CPA surplus to the validators', () => {
    const report = verifyLedgerBytes(sample);
    expect(report.faults).toEqual([]);
    const ledger = JSON.parse(sample.toString('utf8')) as LedgerFile;
    const rewards = ledger.blocks[0]!.transactions.filter((t) => t.body.kind === 'reward');
    expect(rewards.map((t) => t.body.kind === 'reward' && t.body.validator)).toEqual(validatorNames(1));
    expect(rewards.every((t) => t.body.amount > 0)).toBe(true);
  });

  it('finds any single changed byte of a saved ledger (fast-check over positions and values)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sample.length - 1 }), fc.integer({ min: 1, max: 255 }), (position, xor) => {
        const bytes = Uint8Array.from(sample);
        bytes[position] = bytes[position]! ^ xor;
        const report = verifyLedgerBytes(bytes);
        expect(report.ok).toBe(false);
        expect(report.faults[0]!.path.length).toBeGreaterThan(0);
      }),
      { numRuns: 600, seed: 17 },
    );
  });

  it('names the broken item: a changed amount, a forged signature, a broken link', () => {
    const text = serializeLedger(settle());
    const amount = text.replace('"kWh": 1,', '"kWh": 2,');
    expect(verifyLedgerBytes(new TextEncoder().encode(amount)).faults[0]!.path).toBe('blocks[0].transactions[0].id');
    const ledger = settle();
    ledger.blocks[0]!.transactions[0]!.parties[1]!.signature = ledger.blocks[0]!.transactions[1]!.parties[1]!.signature;
    expect(verifyLedger(ledger).faults[0]!.path).toBe('blocks[0].transactions[0].parties[1].signature');
    const two = settleLedger([...rounds(), { ...rounds()[0]!, period: 2 }], { run, keySeed: 'test', neutral: { nodes: 3, threshold: 2 }, f: 1 });
    two.blocks[1]!.header.prevHash = 'ab'.repeat(32);
    expect(verifyLedger(two).faults.map((f) => f.path)).toContain('blocks[1].header.prevHash');
  });

  it('refuses a transaction with fewer neutral co-signatures than the threshold, and counts a node once', () => {
    const ledger = settle({ nodes: 5, threshold: 3 });
    expect(verifyLedger(ledger).ok).toBe(true);
    const tx = ledger.blocks[0]!.transactions[0]!;
    expect(tx.cosigners).toHaveLength(3);
    const below = structuredClone(ledger);
    below.blocks[0]!.transactions[0]!.cosigners.pop();
    expect(verifyLedger(below).faults[0]).toEqual({ path: 'blocks[0].transactions[0].cosigners', message: '2 of 5 neutral nodes co-signed, below the threshold 3' });
    const twice = structuredClone(ledger);
    const c = twice.blocks[0]!.transactions[0]!.cosigners;
    c[2] = { ...c[0]! };
    expect(verifyLedger(twice).faults[0]!.message).toMatch(/co-signed twice/);
    // a co-signature by a key that is not a neutral node's does not count either
    const stranger = structuredClone(ledger);
    const message = `ggs-ledger/v1/tx:${tx.id}`;
    stranger.blocks[0]!.transactions[0]!.cosigners[2] = { name: 'neutral-4', signature: signText(message, deriveKeyPair('other seed', 'neutral-4')) };
    expect(verifyLedger(stranger).faults[0]!.path).toBe('blocks[0].transactions[0].cosigners[2].signature');
  });

  it('refuses a block with fewer than 2f + 1 commits', () => {
    const ledger = settle();
    ledger.blocks[0]!.commits = ledger.blocks[0]!.commits.slice(0, 2);
    expect(verifyLedger(ledger).faults[0]).toEqual({ path: 'blocks[0].commits', message: '2 valid commit signatures; a block needs 2f + 1 = 3' });
  });

  it('smart contract: a block signed by everyone whose trades the recorded bids do not give is refused by re-clearing', () => {
    const ledger = settle();
    const tx = ledger.blocks[0]!.transactions[0]!;
    if (tx.body.kind !== 'trade') throw new Error('expected a trade');
    const body = { ...tx.body, price: tx.body.price + 1, amount: tx.body.amount + 1 };
    const keys = (n: string) => deriveKeyPair('test', n);
    ledger.blocks[0]!.transactions[0] = signTransaction(body, [keys(body.seller), keys(body.buyer)], tx.cosigners.map((c) => keys(c.name)));
    const forged = reseal(ledger, 'test');
    const report = verifyLedger(forged);
    expect(report.faults).toHaveLength(1);
    expect(report.faults[0]!.path).toBe('blocks[0].transactions[0]');
    expect(report.faults[0]!.message).toMatch(/re-clearing the recorded bids gives/);
    expect(verifyLedger(forged, { reclear: false }).ok).toBe(true);
  });

  it('pays a transaction once: the same id twice is refused', () => {
    const ledger = settleLedger([...rounds(), { ...rounds()[0]!, contract: null }], { run, keySeed: 'test', neutral: { nodes: 3, threshold: 2 }, f: 1 });
    // seq differs, so the ids differ; copy block 0's first transaction into block 1
    ledger.blocks[1]!.transactions[0] = structuredClone(ledger.blocks[0]!.transactions[0]!);
    const report = verifyLedger(reseal(ledger, 'test'));
    expect(report.faults.map((f) => f.message)).toContain('was already settled at blocks[0].transactions[0]: a transaction is paid once');
  });
});
