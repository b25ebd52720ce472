/**
 * The coupled energy–spectrum optimum by LP (test oracle shared by
 * coupled.test.ts and coupledJob.test.ts): max Σ value − energy cost −
 * spectrum cost s.t. kWh bought = kWh sold and β·kWh bought = spectrum units
 * sold, on glpk.js through the LP layer.
 */
import type { BidBook, SpectrumMarket } from '../../../solver/market/index.ts';
import { LpModel, loadLpBackend, solveOptimal, type LpVar } from '../../../solver/lp/index.ts';

export async function lpOptimum(book: BidBook, spectrum: SpectrumMarket): Promise<number> {
  const m = new LpModel('coupled');
  const energy: [LpVar, number][] = [], units: [LpVar, number][] = [];
  book.bids.forEach((b, i) => {
    const x = m.addVar(`x${i}`, { lb: 0, ub: b.quantity, cost: b.side === 'buy' ? b.price : -b.price });
    energy.push([x, b.side === 'buy' ? 1 : -1]);
    if (b.side === 'buy') units.push([x, spectrum.perKwh]);
  });
  spectrum.asks.forEach((a, w) => units.push([m.addVar(`u${w}`, { lb: 0, ub: a.quantity, cost: -a.price }), -1]));
  m.addRow('energy', energy, { eq: 0 });
  m.addRow('spectrum', units, { eq: 0 });
  m.setObjective('max');
  return solveOptimal(m, await loadLpBackend('glpk')).objective;
}

