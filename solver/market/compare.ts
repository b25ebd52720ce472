/**
 * The mechanism registry and `compareMechanisms`, what the future
 * `mechanism` job calls: run a chosen set of mechanisms on one book and
 * return, per mechanism, its outcome and the shared metrics — or the typed
 * reason it refused the book (e.g. unit demand only).
 */
import { MechanismError, agentsOf, requireOnePeriod, type BidBook, type SpectrumMarket } from './book.ts';
import { prepare } from './allocation.ts';
import { deviators, PRICE_FREE } from './deviators.ts';
import { priorsFromHistory, type BidHistory, type Prior } from './history.ts';
import { expostMisreportGain, interimMisreportGain, outcomeMetrics, spectrumMisreportGain, type Metrics, type MisreportCurve, type MisreportGain, type MisreportOptions } from './metrics.ts';
import type { Outcome } from './outcome.ts';
import { MECHANISM_IDS, MECHANISMS, type MechanismId } from './mechanismIds.ts';
import { agv, agvModel, type Integration } from './mechanisms/agv.ts';
import { bilateral } from './mechanisms/bilateral.ts';
import { billSharing, mmrPricing, sdrPricing, type GridTariff } from './mechanisms/communityPricing.ts';
import { coupledAuction } from './mechanisms/coupledIterative.ts';
import { cpa } from './mechanisms/cpa.ts';
import { iterativeAuction } from './mechanisms/iterative.ts';
import { mcafee } from './mechanisms/mcafee.ts';
import { payAsBid } from './mechanisms/payAsBid.ts';
import { sbba } from './mechanisms/sbba.ts';
import { uniformPrice } from './mechanisms/uniformPrice.ts';
import { vcg } from './mechanisms/vcg.ts';

export { MECHANISM_IDS, MECHANISMS, type MechanismId, type MechanismInfo } from './mechanismIds.ts';

export interface CompareOptions {
  /** price weight of the bid for the uniform-price and bilateral rules */
  k?: number;
  /** grid tariff for the community rules (default λb = 0.20, λs = 0.05) */
  tariff?: GridTariff;
  /** AGV priors: explicit, or estimated from a history on `support` (default: the book's price range) */
  priors?: Record<string, Prior>;
  history?: BidHistory;
  support?: [number, number];
  integration?: Integration;
  /** false skips the misreport search */
  misreport?: MisreportOptions | false;
  /** false re-clears the whole book for every report (the reference the fast path is tested against) */
  fastSearch?: boolean;
  /** the spectrum market the coupled auction (`iterative-coupled`) clears with the energy book; the other rules ignore it */
  spectrum?: SpectrumMarket;
}

/** The spectrum market of the coupled auction, or its refusal: without one the rule has nothing to couple. */
function requireSpectrum(options: CompareOptions): SpectrumMarket {
  if (!options.spectrum) throw new MechanismError('needs-spectrum', `${MECHANISMS['iterative-coupled'].label} clears energy together with communication spectrum: the book needs a spectrum section (bidBook.spectrum: spectrum units per kWh and the spectrum sellers' asks)`);
  return options.spectrum;
}

export const DEFAULT_TARIFF: GridTariff = { gridBuy: 0.2, gridSell: 0.05 };

export type MechanismResult =
  | { id: MechanismId; status: 'ok'; outcome: Outcome; metrics: Metrics }
  | { id: MechanismId; status: 'refused'; code: MechanismError['code']; message: string };

function agvPriors(book: BidBook, options: CompareOptions): Record<string, Prior> {
  if (options.priors) return options.priors;
  const prices = book.bids.map((b) => b.price);
  const [lo, hi] = options.support ?? [Math.min(...prices), Math.max(...prices)];
  return priorsFromHistory(options.history ?? [], agentsOf(book), lo, hi > lo ? hi : lo + 1).priors;
}

/** The pure rule of a mechanism with the comparison's options bound. */
export function mechanismRunner(id: MechanismId, book: BidBook, options: CompareOptions = {}): (b: BidBook) => Outcome {
  const k = { k: options.k };
  const tariff = options.tariff ?? DEFAULT_TARIFF;
  switch (id) {
    case 'uniform-price': return (b) => uniformPrice(b, k);
    case 'pay-as-bid': return payAsBid;
    case 'bilateral': return (b) => bilateral(b, k);
    case 'vcg': return (b) => vcg(b);
    case 'mcafee': return mcafee;
    case 'sbba': return sbba;
    case 'cpa': return cpa;
    case 'iterative': return (b) => iterativeAuction(b);
    case 'iterative-coupled': {
      const spectrum = requireSpectrum(options);
      return (b) => coupledAuction(b, spectrum);
    }
    case 'sdr': return (b) => sdrPricing(b, tariff);
    case 'mmr': return (b) => mmrPricing(b, tariff);
    case 'bill-sharing': return (b) => billSharing(b, tariff);
    case 'agv': {
      const priors = agvPriors(book, options);
      return (b) => agv(b, { priors, integration: options.integration });
    }
  }
}

export function runMechanism(id: MechanismId, book: BidBook, options: CompareOptions = {}): MechanismResult {
  try {
    requireOnePeriod(book, MECHANISMS[id].label);
    const run = mechanismRunner(id, book, options);
    // AGV: one model (priors, integration nodes, merit orders) for the transfers and the interim search
    const model = id === 'agv' ? agvModel(book, { priors: agvPriors(book, options), integration: options.integration }) : null;
    const outcome = model ? agv(book, { priors: {}, integration: options.integration }, model) : run(book);
    const spectrum = id === 'iterative-coupled' ? requireSpectrum(options) : undefined;
    const metrics = outcomeMetrics(book, outcome, spectrum);
    if (options.misreport !== false) {
      const search = options.misreport ?? {};
      if (model) {
        const sign = book.bids.map((b) => (b.side === 'buy' ? 1 : -1));
        // the budget-balancing share (1/(n−1))·Σ_{j≠i} ξ_j = ξ_i(truth) + payment_i turns the search's objective into i's interim utility
        const share = (i: number) => -(model.expect(i, book.bids[i]!.price).others + outcome.payments[i]!);
        const found = interimMisreportGain(book, (i, r) => {
          const e = model.expect(i, r);
          return sign[i]! * book.bids[i]!.price * Math.abs(e.ownFill) + e.others;
        }, search, share);
        setSearch(metrics, found);
      } else {
        const found = expostMisreportGain(book, run, outcome, search, {
          runFor: id === 'vcg' ? (b, agent) => vcg(b, { only: agent }) : spectrum ? (b) => coupledAuction(b, spectrum, {}, false) : run,
          fast: options.fastSearch === false ? null : deviators(id, prepare(book), { k: options.k ?? 0.5 }),
          priceFree: options.fastSearch !== false && PRICE_FREE.has(id),
        });
        if (spectrum) {
          // the spectrum sellers report too: the larger of the two searches' gains, every report counted
          const sellers = spectrumMisreportGain(book, spectrum, (s) => coupledAuction(book, s, {}, false), outcome, search);
          const evaluated = found.evaluated + sellers.evaluated;
          Object.assign(found, sellers.maxGain > found.maxGain ? { ...sellers, evaluated } : { evaluated });
        }
        setSearch(metrics, found);
      }
    }
    return { id, status: 'ok', outcome, metrics };
  } catch (e) {
    if (e instanceof MechanismError) return { id, status: 'refused', code: e.code, message: e.message };
    throw e;
  }
}

function setSearch(metrics: Metrics, found: MisreportGain & { curves?: MisreportCurve[] }): void {
  const { curves, ...gain } = found;
  metrics.misreport = gain;
  if (curves) metrics.misreportCurves = curves;
}

/** Runs each mechanism on one single-period book (see book.ts periodBook) and returns results in the order asked. */
export function compareMechanisms(book: BidBook, mechanisms: readonly MechanismId[] = MECHANISM_IDS, options: CompareOptions = {}): MechanismResult[] {
  return mechanisms.map((id) => runMechanism(id, book, options));
}
