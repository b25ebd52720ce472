/**
 * P2 of the Nash bargaining (MODELS.md §7): payments π_i with Σ π_i = 0
 * maximising Σ_i ln(C_i⁰ − C_i* + π_i). Its KKT conditions give
 * 1/(C_i⁰ − C_i* + π_i) = ν for every i, so every microgrid ends with the
 * same gain S/N, S = Σ_i (C_i⁰ − C_i*) the total saving of P1:
 *
 *   π_i = S/N − (C_i⁰ − C_i*)        (> 0: microgrid i receives)
 *
 * and its final cost is C_i* − π_i = C_i⁰ − S/N. Defined only for S > 0
 * (every logarithm's argument positive).
 */
export interface Bargain {
  /** S = Σ (C_i⁰ − C_i*) */
  totalSaving: number;
  /** π_i, currency, > 0 received */
  payments: number[];
  /** C_i* − π_i */
  finalCosts: number[];
  /** C_i⁰ − final cost = S/N for every i */
  gains: number[];
  /** Σ π_i (0 up to rounding) */
  paymentSum: number;
}

export function nashPayments(alone: readonly number[], optimum: readonly number[]): Bargain {
  const n = alone.length;
  if (n === 0 || optimum.length !== n) throw new RangeError('nashPayments needs one alone and one optimal cost per microgrid');
  const savings = alone.map((c, i) => c - optimum[i]!);
  const totalSaving = savings.reduce((a, b) => a + b, 0);
  const share = totalSaving / n;
  const payments = savings.map((s) => share - s);
  const finalCosts = optimum.map((c, i) => c - payments[i]!);
  return { totalSaving, payments, finalCosts, gains: finalCosts.map((c, i) => alone[i]! - c), paymentSum: payments.reduce((a, b) => a + b, 0) };
}

/** Σ ln(C_i⁰ − C_i* + π_i), −∞ when some microgrid would not gain: the objective P2 maximises. */
export function nashProduct(alone: readonly number[], optimum: readonly number[], payments: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < alone.length; i++) {
    const gain = alone[i]! - optimum[i]! + payments[i]!;
    if (!(gain > 0)) return -Infinity;
    s += Math.log(gain);
  }
  return s;
}
