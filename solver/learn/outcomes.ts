/**
 * Outcomes of the community market, the same measures for the learned
 * bidders and their two baselines (issue 19, "Outcomes against baselines"):
 *
 * - **bills**: what the households pay in total (P2P and fallback);
 * - **self-sufficiency**: the share of the community's load not imported
 *   from the retailer, 1 − import / load;
 * - **market efficiency**: the share of the kWh that could have traded
 *   inside the community that did, traded / min(demand, supply) per
 *   quarter-hour (every P2P kWh saves the full spread retail − feed-in
 *   between its buyer and seller, so this is also the share of the
 *   possible gains from trade realised).
 *
 * Retail-only (no community market) needs no run of its own: the
 * households' positions do not depend on the bids (the batteries follow
 * their own rule), so it is read off the same records — everyone pays the
 * fallback bill and imports its whole deficit.
 */
import type { StepRecord } from './community.ts';

export interface MarketOutcome {
  /** currency, all households, the whole run */
  bills: number;
  /** Σ fallback bills − bills: what the community market saved against retail-only */
  saving: number;
  selfSufficiency: number;
  /** traded / tradable (null when nothing could trade) */
  efficiency: number | null;
  /** kWh */
  traded: number;
  tradable: number;
  gridImport: number;
  load: number;
}

/** Running sums of step records; `outcome()` for the market as run, `retailOnly()` for the same households without it. */
export class OutcomeTally {
  bills = 0;
  fallbackBills = 0;
  traded = 0;
  tradable = 0;
  gridImport = 0;
  /** what the households would import with no community market: their whole deficit */
  deficit = 0;
  load = 0;
  steps = 0;

  add(r: StepRecord): void {
    for (let i = 0; i < r.bills.length; i++) {
      this.bills += r.bills[i]!;
      this.fallbackBills += r.fallbackBills[i]!;
      if (r.quantities[i]! > 0) this.deficit += r.quantities[i]!;
    }
    this.traded += r.traded;
    this.tradable += r.tradable;
    this.gridImport += r.gridImport;
    this.load += r.load;
    this.steps++;
  }

  outcome(): MarketOutcome {
    return {
      bills: this.bills, saving: this.fallbackBills - this.bills,
      selfSufficiency: this.load > 0 ? 1 - this.gridImport / this.load : 1,
      efficiency: this.tradable > 1e-12 ? this.traded / this.tradable : null,
      traded: this.traded, tradable: this.tradable, gridImport: this.gridImport, load: this.load,
    };
  }

  retailOnly(): MarketOutcome {
    return {
      bills: this.fallbackBills, saving: 0,
      selfSufficiency: this.load > 0 ? 1 - this.deficit / this.load : 1,
      efficiency: this.tradable > 1e-12 ? 0 : null,
      traded: 0, tradable: this.tradable, gridImport: this.deficit, load: this.load,
    };
  }
}

/** Student-t 0.975 quantiles for 1–10 degrees of freedom (standard table values); beyond, the normal 1.96 is within 5 %. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];

/** Mean and 95 % confidence interval of the mean across seeds (a t interval; a single seed has no band). */
export function band(values: readonly number[]): { mean: number; lo: number; hi: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, lo: mean, hi: mean };
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const half = (T975[n - 2] ?? 1.96) * (sd / Math.sqrt(n));
  return { mean, lo: mean - half, hi: mean + half };
}
