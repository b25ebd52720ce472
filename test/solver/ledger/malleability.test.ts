import { describe, expect, it } from 'vitest';
import { malleabilityCases } from '../../../solver/ledger/malleability.ts';
import type { TradeBody } from '../../../solver/ledger/format.ts';

const body: TradeBody = { kind: 'trade', run: 'r', market: 'uniform-price', period: 1, seq: 0, seller: 's1', buyer: 'b1', kWh: 1, price: 6, amount: 6 };

describe('transaction malleability', () => {
  const cases = malleabilityCases(body);

  it('has the two cases, each a re-encoded signature that still verifies but changes the bytes', () => {
    expect(cases.map((c) => c.name)).toEqual(['ECDSA signature value (s ↦ n − s)', 'Signature encoding (hex case)']);
    for (const c of cases) {
      expect(c.mauled.signature).not.toBe(c.original.signature);
      expect(c.naive.outcomes).not.toContain('bad signature');
    }
  });

  it('the naïve scheme (id = hash of the signed bytes) pays twice; ours (id = hash of the canonical body) pays once', () => {
    for (const c of cases) {
      expect(c.naive.ids[0]).not.toBe(c.naive.ids[1]);
      expect(c.naive.outcomes).toEqual(['paid', 'paid']);
      expect(c.naive.paid).toBe(2 * body.amount);
      expect(c.ours.ids[0]).toBe(c.ours.ids[1]);
      expect(c.ours.outcomes).toEqual(['paid', 'duplicate']);
      expect(c.ours.paid).toBe(body.amount);
    }
  });
});
