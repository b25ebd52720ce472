/**
 * Community sharing prices (the P2P review's "community-based" designs;
 * C. Long, J. Wu, C. Zhang, L. Thomas, M. Cheng, N. Jenkins, "Peer-to-peer
 * energy trading in a community microgrid", IEEE PES GM 2017; SDR from
 * N. Liu, X. Yu, C. Wang, C. Li, L. Ma, J. Lei, "Energy-sharing model with
 * price-based demand response for microgrids of peer-to-peer prosumers",
 * IEEE Trans. Power Systems 32(5), 2017). Members are price takers: every
 * buy bid is served and every sell bid delivered; the community as a whole
 * imports the shortage at the grid's buy price λb or exports the surplus at
 * its sell price λs. Prices ignore the bid prices (they are used only for
 * welfare). In all three rules the members' payments minus receipts equal
 * the community's grid bill λb·import − λs·export exactly.
 */
import { prepare } from '../allocation.ts';
import { MechanismError, type BidBook } from '../book.ts';
import { paymentsAtBidPrices, type GridExchange, type Outcome } from '../outcome.ts';

export interface GridTariff {
  /** λb, currency per kWh the community pays for imports */
  gridBuy: number;
  /** λs, currency per kWh it receives for exports (λs < λb) */
  gridSell: number;
}

function totals(book: BidBook, tariff: GridTariff) {
  if (!(tariff.gridBuy > tariff.gridSell && tariff.gridSell >= 0)) throw new MechanismError('bad-option', `community pricing needs 0 ≤ gridSell < gridBuy, got gridSell ${tariff.gridSell}, gridBuy ${tariff.gridBuy}`);
  let supply = 0, demand = 0;
  for (const b of book.bids) b.side === 'buy' ? (demand += b.quantity) : (supply += b.quantity);
  const grid: GridExchange = { import: Math.max(0, demand - supply), export: Math.max(0, supply - demand), bill: 0 };
  grid.bill = tariff.gridBuy * grid.import - tariff.gridSell * grid.export;
  return { supply, demand, grid };
}

function settle(mechanism: string, book: BidBook, buyPrice: number, sellPrice: number, grid: GridExchange, notes: string[]): Outcome {
  const p = prepare(book);
  const fills = book.bids.map((b) => b.quantity);
  return {
    mechanism,
    agents: p.agents,
    fills,
    trades: [],
    payments: paymentsAtBidPrices(p, fills, (i) => (book.bids[i]!.side === 'buy' ? buyPrice : sellPrice)),
    prices: { buy: buyPrice, sell: sellPrice },
    grid,
    notes,
  };
}

/**
 * Supply–demand ratio pricing: SDR = supply/demand. For SDR ≤ 1,
 * P_sell = λb·λs/((λb − λs)·SDR + λs) and P_buy = P_sell·SDR + λb·(1 − SDR);
 * for SDR > 1 both equal λs.
 */
export function sdrPricing(book: BidBook, tariff: GridTariff): Outcome {
  const { supply, demand, grid } = totals(book, tariff);
  const { gridBuy: lb, gridSell: ls } = tariff;
  const sdr = demand > 0 ? supply / demand : Infinity;
  const sell = sdr <= 1 ? (lb * ls) / ((lb - ls) * sdr + ls) : ls;
  const buy = sdr <= 1 ? sell * sdr + lb * (1 - sdr) : ls;
  return settle('sdr', book, buy, sell, grid, [`SDR = ${sdr}`]);
}

/**
 * Mid-market rate: P_mid = (λb + λs)/2. In a shortage sellers get P_mid and
 * buyers pay (P_mid·supply + λb·(demand − supply))/demand; in a surplus
 * buyers pay P_mid and sellers get (P_mid·demand + λs·(supply − demand))/supply.
 */
export function mmrPricing(book: BidBook, tariff: GridTariff): Outcome {
  const { supply, demand, grid } = totals(book, tariff);
  const mid = (tariff.gridBuy + tariff.gridSell) / 2;
  if (supply <= demand) {
    const buy = demand > 0 ? (mid * supply + tariff.gridBuy * (demand - supply)) / demand : mid;
    return settle('mmr', book, buy, mid, grid, ['shortage: sellers get the mid-market rate']);
  }
  const sell = (mid * demand + tariff.gridSell * (supply - demand)) / supply;
  return settle('mmr', book, mid, sell, grid, ['surplus: buyers pay the mid-market rate']);
}

/**
 * Bill sharing (Long et al. 2017): the community's import cost is shared
 * among buyers in proportion to their demand, its export revenue among
 * sellers in proportion to their supply. Energy exchanged inside the
 * community carries no price: in a shortage sellers receive nothing, in a
 * surplus buyers pay nothing.
 */
export function billSharing(book: BidBook, tariff: GridTariff): Outcome {
  const { supply, demand, grid } = totals(book, tariff);
  const buy = demand > 0 ? (tariff.gridBuy * grid.import) / demand : 0;
  const sell = supply > 0 ? (tariff.gridSell * grid.export) / supply : 0;
  return settle('bill-sharing', book, buy, sell, grid, ['prices are the shared grid bill per kWh']);
}
