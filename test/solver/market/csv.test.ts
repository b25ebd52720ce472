/** Bid books as CSV: round trip, and row-numbered errors with nothing imported. */
import { describe, expect, it } from 'vitest';
import { bidBookSchema, bookToCsv, generateBook, parseBookCsv } from '../../../solver/market/index.ts';

describe('bid-book CSV', () => {
  it('round-trips a generated book with bus and period', () => {
    const book = generateBook({ buyers: 3, sellers: 2, seed: 9, values: { kind: 'uniform', min: 5, max: 10 }, costs: { kind: 'normal', mean: 4, std: 1 }, quantity: { min: 1, max: 4 }, period: 2 });
    book.bids[0]!.bus = 'n7';
    const back = parseBookCsv(bookToCsv(book), 'blocks');
    expect(back).toEqual({ ok: true, book });
    expect(bidBookSchema.safeParse(book).success).toBe(true);
  });

  it('reports a missing column on row 1 and imports nothing', () => {
    const r = parseBookCsv('side,agent,price\nbuy,a,1\n');
    expect(r).toEqual({ ok: false, issues: [{ row: 1, column: 'quantity', message: expect.stringContaining('missing column quantity') }] });
  });

  it('reports every bad row with its number and column, and returns no book', () => {
    const text = ['side,agent,price,quantity', 'buy,a,1,2', 'sell,b,2,-1', 'buy,c,NaN,1', 'hold,d,1,1', 'buy,,1,1', 'sell,e,,1'].join('\n');
    const r = parseBookCsv(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.row, i.column])).toEqual([[3, 'quantity'], [4, 'price'], [5, 'side'], [6, 'agent'], [7, 'price']]);
    expect('book' in r).toBe(false);
  });

  it('a block book refuses fractional quantities', () => {
    const r = parseBookCsv('side,agent,price,quantity\nbuy,a,1,1.5\n', 'blocks');
    expect(r.ok).toBe(false);
  });
});

describe('seeded generators', () => {
  it('replay from the seed and differ across seeds', () => {
    const spec = { buyers: 4, sellers: 4, seed: 1, values: { kind: 'uniform' as const, min: 0, max: 1 }, costs: { kind: 'uniform' as const, min: 0, max: 1 } };
    expect(generateBook(spec)).toEqual(generateBook(spec));
    expect(generateBook({ ...spec, seed: 2 })).not.toEqual(generateBook(spec));
    const normal = generateBook({ ...spec, values: { kind: 'normal', mean: 0, std: 1 } });
    expect(normal.bids.every((b) => b.price >= 0 && b.quantity === 1)).toBe(true);
  });
});
