/**
 * What the `train` job's certificate checks on every evaluated quarter-hour
 * of the community, recomputed from the step's record, not taken from the
 * environment's own sums:
 *
 * - community energy balance: load − PV + battery charging = import −
 *   export (P2P trades move energy inside the community and cancel);
 * - P2P balance: what buyers received inside the community equals what
 *   sellers delivered, and both equal the rule's trades;
 * - bills: each household's bill recomputed from the rule's trades (a
 *   pay-as-bid seller receives its own ask) plus its unmatched quantity at
 *   the retail or feed-in price.
 */
import type { CommunitySpec, StepRecord } from './community.ts';

export interface StepChecks {
  steps: number;
  /** kWh, largest over steps */
  balanceResidual: number;
  p2pResidual: number;
  /** currency, largest over households and steps */
  billDeviation: number;
}

export function recomputedBill(r: StepRecord, i: number, spec: Pick<CommunitySpec, 'retail' | 'feedIn' | 'mechanism'>, id = `h${i + 1}`): number {
  const q = r.quantities[i]!;
  if (q === 0) return 0;
  let money = 0;
  for (const t of r.trades) {
    if (t.buyer === id) money += t.quantity * t.price;
    if (t.seller === id) money -= t.quantity * (spec.mechanism === 'pay-as-bid' ? r.prices[i]! : t.price);
  }
  const unmatched = Math.abs(q) - r.p2p[i]!;
  return q > 0 ? money + unmatched * spec.retail : money - unmatched * spec.feedIn;
}

export function stepChecks(c: StepChecks, r: StepRecord, spec: Pick<CommunitySpec, 'retail' | 'feedIn' | 'mechanism'>): StepChecks {
  const batteries = r.battery.reduce((a, b) => a + b, 0);
  const balance = Math.abs(r.load - r.pv + batteries - (r.gridImport - r.gridExport));
  let bought = 0, sold = 0, bill = 0;
  r.quantities.forEach((q, i) => {
    if (q > 0) bought += r.p2p[i]!;
    else if (q < 0) sold += r.p2p[i]!;
    bill = Math.max(bill, Math.abs(r.bills[i]! - recomputedBill(r, i, spec)));
  });
  const viaTrades = r.trades.reduce((a, t) => a + t.quantity, 0);
  const p2p = Math.max(Math.abs(bought - sold), Math.abs(bought - viaTrades), Math.abs(bought - r.traded));
  return { steps: c.steps + 1, balanceResidual: Math.max(c.balanceResidual, balance), p2pResidual: Math.max(c.p2pResidual, p2p), billDeviation: Math.max(c.billDeviation, bill) };
}
