import fc from 'fast-check';
import { coupledDirect, coupledIterativeAuction, type BidBook, type SpectrumMarket } from '/work/wt/mech-solver/solver/market/index.ts';
const step = fc.record({ price: fc.integer({ min: 0, max: 100 }), quantity: fc.integer({ min: 1, max: 6 }) });
const market = fc.tuple(fc.array(step, { minLength: 1, maxLength: 5 }), fc.array(step, { minLength: 1, maxLength: 5 }), fc.array(step, { minLength: 1, maxLength: 4 }), fc.constantFrom(0.5, 1, 2)).map(([b, s, sp, beta]) => ({
  book: { units: 'divisible', bids: [...b.map((x, i) => ({ agent: `b${i}`, side: 'buy' as const, price: x.price / 5, quantity: x.quantity })), ...s.map((x, i) => ({ agent: `s${i}`, side: 'sell' as const, price: x.price / 10, quantity: x.quantity }))] } as BidBook,
  spectrum: { perKwh: beta, asks: sp.map((x, i) => ({ agent: `w${i}`, price: x.price / 20, quantity: x.quantity })) } as SpectrumMarket,
}));
const samples = fc.sample(market, { numRuns: 200, seed: 31 });
let cleared = 0, atDirect = 0, vol = 0, volD = 0; let shown = 0;
for (const { book, spectrum } of samples) {
  const d = coupledDirect(book, spectrum);
  const o = coupledIterativeAuction(book, spectrum, { tolerance: 1e-10, maxRounds: 5000 });
  if (o.cleared) cleared++;
  if (Math.abs(o.welfare - d.welfare) < 1e-6) atDirect++;
  vol += o.volume; volD += d.volume;
  if (!o.cleared && shown++ < 2) console.log(JSON.stringify({ book, spectrum }), d, o);
}
console.log({ cleared, atDirect, volShare: vol / volD });
