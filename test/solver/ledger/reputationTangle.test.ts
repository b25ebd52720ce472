/**
 * QoT reputation (bad actors excluded, honest ones kept, less energy left
 * undelivered than without exclusion, replayable) and the tangles (weights,
 * tip approvals, confirmation, anchors hash-linked over confirmed roots).
 */
import { describe, expect, it } from 'vitest';
import { simulateReputation } from '../../../solver/ledger/reputation.ts';
import { simulateTangles } from '../../../solver/ledger/tangle.ts';
import { canonicalHash } from '../../../solver/ledger/canonical.ts';
import { merkleRoot } from '../../../solver/ledger/merkle.ts';
import { generateBook } from '../../../solver/market/generate.ts';

const book = generateBook({ buyers: 12, sellers: 12, seed: 5, values: { kind: 'uniform', min: 5, max: 15 }, costs: { kind: 'uniform', min: 1, max: 11 }, quantity: 1 });
const options = { rounds: 40, threshold: 0.7, alpha: 0.3, badShare: 0.25, priceNoise: 0.1, seed: 3, mechanism: 'uniform-price' as const, k: 0.5, tariff: { gridBuy: 20, gridSell: 0 } };

describe('QoT reputation over repeated markets', () => {
  const r = simulateReputation(book, options);

  it('excludes the unreliable agents that trade, keeps the reliable ones, and cuts the shortfall', () => {
    // every fourth of the agents that trade in the recorded book's clearing
    expect(r.badActors).toEqual(['b4', 'b9', 's3', 's7', 's12']);
    const excluded = Object.keys(r.excludedAt);
    const traded = (a: string) => r.rounds.some((x) => x.scores[a] !== 1);
    for (const a of r.badActors.filter(traded)) expect(excluded, a).toContain(a);
    expect(excluded.filter((a) => !r.badActors.includes(a))).toEqual([]);
    expect(r.totalShortfall).toBeLessThan(0.5 * r.totalShortfallWithoutExclusion);
    // an excluded agent bids no more: its score stays where it was
    for (const [a, k] of Object.entries(r.excludedAt)) for (const x of r.rounds.slice(k)) expect(x.scores[a]).toBe(r.rounds[k - 1]!.scores[a]);
  });

  it('counts the excluded volume and replays from its seed', () => {
    const last = r.rounds.at(-1)!;
    expect(last.excludedVolume).toBe(book.bids.filter((b) => last.excluded.includes(b.agent)).reduce((s, b) => s + b.quantity, 0));
    expect(simulateReputation(book, options)).toEqual(r);
    const none = simulateReputation(book, { ...options, threshold: 0 });
    expect(none.excludedAt).toEqual({});
    expect(none.totalShortfall).toBeCloseTo(none.totalShortfallWithoutExclusion, 12);
  });
});

describe('tangles anchored on the main chain', () => {
  const o = { rates: { energy: 3, spectrum: 1.5 }, duration: 30, alpha: 0.5, confirmWeight: 6, anchorEvery: 10, seed: 9 };
  const r = simulateTangles(o);

  it('has each transaction approve earlier ones, with cumulative weight 1 + its direct and indirect approvers', () => {
    for (const tangle of ['energy', 'spectrum'] as const) {
      const txs = r.transactions.filter((t) => t.tangle === tangle);
      expect(txs[0]!.approves).toEqual([]);
      for (const t of txs.slice(1)) {
        expect(t.approves).toHaveLength(2);
        for (const a of t.approves) expect(a).toBeLessThan(t.index);
      }
      // recount the weights from the approvals
      for (const x of txs) {
        const approvers = new Set<number>();
        let grew = true;
        while (grew) {
          grew = false;
          for (const t of txs) if (!approvers.has(t.index) && t.approves.some((a) => a === x.index || approvers.has(a))) approvers.add(t.index), (grew = true);
        }
        expect(x.cumulativeWeight, `${tangle} ${x.index}`).toBe(1 + approvers.size);
        expect(x.confirmedAt !== null, `${tangle} ${x.index}`).toBe(x.cumulativeWeight >= o.confirmWeight);
        if (x.confirmedAt !== null) expect(x.confirmedAt).toBeGreaterThanOrEqual(x.t);
      }
      expect(txs.length).toBeGreaterThan(20);
    }
  });

  it('anchors both tangles every period: Merkle root of the confirmed transactions, hash-linked', () => {
    expect(r.anchors.map((a) => `${a.tangle}@${a.t}`)).toEqual(['energy@10', 'spectrum@10', 'energy@20', 'spectrum@20', 'energy@30', 'spectrum@30']);
    let prev = '0'.repeat(64);
    for (const a of r.anchors) {
      const { hash, ...body } = a;
      expect(a.prevHash).toBe(prev);
      expect(hash).toBe(canonicalHash(body));
      const confirmed = r.transactions.filter((t) => t.tangle === a.tangle && t.confirmedAt !== null && t.confirmedAt <= a.t);
      expect(a.merkleRoot).toBe(merkleRoot(confirmed.map((t) => t.id)));
      prev = hash;
    }
    const energy = r.anchors.filter((a) => a.tangle === 'energy').map((a) => a.confirmed);
    expect(energy).toEqual([...energy].sort((x, y) => x - y));
    expect(energy.at(-1)!).toBeGreaterThan(0);
  });
});
