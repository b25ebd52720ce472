/**
 * The bid book of the mechanism laboratory (MODELS.md §6): buyers state a
 * value and sellers a cost, both per kWh, for a quantity in kWh, optionally at
 * a bus and in a period. One type for every mechanism (pymarket's shape: one
 * bid book, one transactions type, each mechanism a function of the book).
 *
 * `units: 'blocks'` books trade whole kWh blocks (quantities are integers);
 * `'divisible'` books may fill any part of a bid. An agent may place several
 * bids (a multi-step demand or supply curve); its value is the sum over its
 * bids of price × filled quantity, so its demand is concave when its buy
 * prices fall with quantity, which the efficient allocation assumes.
 */
import { z } from 'zod';

export const sideSchema = z.enum(['buy', 'sell']);
export type Side = z.infer<typeof sideSchema>;

export const bidSchema = z.object({
  agent: z.string().min(1),
  side: sideSchema,
  /** value (buyers) or cost (sellers), currency per kWh */
  price: z.number().finite(),
  /** kWh */
  quantity: z.number().finite().nonnegative(),
  bus: z.string().optional(),
  /** 1-based period; absent means period 1 */
  period: z.number().int().positive().optional(),
});
export type Bid = z.infer<typeof bidSchema>;

export const bidBookSchema = z
  .object({
    units: z.enum(['blocks', 'divisible']),
    bids: z.array(bidSchema),
  })
  .superRefine((book, ctx) => {
    if (book.units !== 'blocks') return;
    book.bids.forEach((b, i) => {
      if (!Number.isInteger(b.quantity)) ctx.addIssue({ code: 'custom', path: ['bids', i, 'quantity'], message: `a block book trades whole kWh; bid ${i + 1} asks for ${b.quantity}` });
    });
  });
export type BidBook = z.infer<typeof bidBookSchema>;

/**
 * The spectrum side of the coupled energy–spectrum auction
 * (mechanisms/coupledIterative.ts): every kWh traded needs `perKwh` units of
 * communication spectrum, which spectrum sellers offer at a price per unit.
 * The sellers are agents of their own (validate.ts refuses a name that also
 * bids energy), several asks per seller allowed.
 */
export const spectrumAskSchema = z.object({
  agent: z.string().min(1),
  /** currency per spectrum unit */
  price: z.number().finite(),
  /** spectrum units offered */
  quantity: z.number().finite().nonnegative(),
}).strict();
export const spectrumMarketSchema = z.object({
  /** β: spectrum units needed per kWh traded */
  perKwh: z.number().finite().positive(),
  asks: z.array(spectrumAskSchema).min(1),
}).strict();
export type SpectrumAsk = z.infer<typeof spectrumAskSchema>;
export type SpectrumMarket = z.infer<typeof spectrumMarketSchema>;

/** Why a mechanism cannot run on a book (the message says what the book would need). */
export class MechanismError extends Error {
  constructor(
    readonly code: 'unit-demand-only' | 'single-bid-only' | 'missing-prior' | 'too-large' | 'bad-option' | 'several-periods' | 'needs-spectrum',
    message: string,
  ) {
    super(message);
    this.name = 'MechanismError';
  }
}

export const periodOf = (b: Bid): number => b.period ?? 1;

/** The periods a book holds, ascending. */
export function periods(book: BidBook): number[] {
  return [...new Set(book.bids.map(periodOf))].sort((a, b) => a - b);
}

/** The sub-book of one period (mechanisms clear one period at a time). */
export function periodBook(book: BidBook, period: number): BidBook {
  return { units: book.units, bids: book.bids.filter((b) => periodOf(b) === period) };
}

/** The agents of a book in order of first appearance. */
export function agentsOf(book: BidBook): string[] {
  return [...new Set(book.bids.map((b) => b.agent))];
}

/**
 * Refuses a book that is not unit demand: McAfee, SBBA and the CPA are
 * defined for agents that each buy or sell one unit. A book qualifies when
 * every agent places exactly one bid and all bids have the same quantity
 * (that quantity is then "the unit").
 */
export function requireUnitDemand(book: BidBook, mechanism: string, agentCount?: number): number {
  requireSingleBid(book, mechanism, agentCount);
  const q = book.bids[0]?.quantity ?? 1;
  const other = book.bids.find((b) => b.quantity !== q);
  if (other) throw new MechanismError('unit-demand-only', `${mechanism} is defined for unit demand only: every agent must bid the same single quantity, but ${other.agent} bids ${other.quantity} kWh against ${q} kWh`);
  return q;
}

/** Refuses a book in which an agent places more than one bid (single-parameter mechanisms: AGV). `agentCount`, when known, makes the check O(1). */
export function requireSingleBid(book: BidBook, mechanism: string, agentCount?: number): void {
  if (agentCount === book.bids.length) return; // as many agents as bids: one bid each
  const seen = new Set<string>();
  for (const b of book.bids) {
    if (seen.has(b.agent)) throw new MechanismError('single-bid-only', `${mechanism} needs one bid per agent (a single private price); ${b.agent} places several`);
    seen.add(b.agent);
  }
}

/** One period only: mechanisms clear a single period; split a book with periodBook first. */
export function requireOnePeriod(book: BidBook, mechanism: string): void {
  const ps = periods(book);
  if (ps.length > 1) throw new MechanismError('several-periods', `${mechanism} clears one period at a time; the book holds periods ${ps.join(', ')} (use periodBook)`);
}

/** The book with one agent's bid prices moved by `shift` and quantities scaled (a misreport). */
export function withReport(book: BidBook, agent: string, shift: number, quantityFactor = 1): BidBook {
  return {
    units: book.units,
    bids: book.bids.map((b) => (b.agent === agent ? { ...b, price: b.price + shift, quantity: book.units === 'blocks' ? Math.round(b.quantity * quantityFactor) : b.quantity * quantityFactor } : b)),
  };
}
