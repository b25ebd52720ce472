/**
 * A new scenario holding a bid book (what `ggs import bids` writes): the
 * book, a network of the buses its bids name (the point of common coupling
 * plus one bus per name, unconnected: the mechanisms do not use the grid, and
 * lines would be invented data), one period per period of the book, and
 * `metadata.job: "mechanism"`.
 */
import type { ScenarioInput } from '../scenario/schema.ts';
import { periods, type BidBook } from './book.ts';

export const PCC_BUS = 'pcc';

export function scenarioFromBook(book: BidBook, name: string): ScenarioInput {
  const named = [...new Set(book.bids.flatMap((b) => (b.bus === undefined || b.bus === PCC_BUS ? [] : [b.bus])))];
  const ps = periods(book);
  const agents = new Set(book.bids.map((b) => b.agent)).size;
  return {
    schemaVersion: 1,
    metadata: {
      name,
      description: `A bid book of ${book.bids.length} bids by ${agents} agents${ps.length > 1 ? ` over periods ${ps[0]}–${ps[ps.length - 1]}` : ''}, imported from CSV. The network lists the buses the bids name; the mechanisms do not use it.`,
      tags: ['mechanism', 'imported'],
      job: 'mechanism',
    },
    // the book carries no dates: hourly periods from an arbitrary start
    time: { T: Math.max(1, ...ps), dtHours: 1, start: '2026-01-01T00:00' },
    profiles: [],
    network: { baseKv: 0.4, substation: { busId: PCC_BUS }, buses: [{ id: PCC_BUS, name: 'Point of common coupling' }, ...named.map((id) => ({ id }))], lines: [] },
    bidBook: { units: book.units, bids: book.bids },
  };
}
