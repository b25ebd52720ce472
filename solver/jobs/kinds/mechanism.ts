/**
 * The `mechanism` job kind: the mechanism laboratory's comparison of market
 * rules on the scenario's bid book (docs/models/mechanisms.md; solver:
 * solver/market/mechanismJob.ts). Options, result data and certificate,
 * what-if outputs (one value per mechanism), CLI summary and CSV tables;
 * registered in solver/jobs/kindRegistry.ts.
 */
import { z } from 'zod';
import type { Table } from '../../results/table.ts';
import { MECHANISM_IDS, type MechanismInfo } from '../../market/mechanismIds.ts';
import type { IrViolation, MisreportCurve, MisreportGain } from '../../market/metrics.ts';
import type { Trade } from '../../market/outcome.ts';
import { defineJobKind } from '../kindModule.ts';
import type { OutputSpecOf, PerEntityOutputOf } from '../outputSpec.ts';

export const MechanismOptions = z
  .object({
    /** which rules to run, in this order */
    mechanisms: z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()) : v), z.array(z.enum(MECHANISM_IDS)).min(1)).default([...MECHANISM_IDS]),
    /** price weight of the bid in the uniform-price and bilateral rules */
    k: z.number().min(0).max(1).default(0.5),
    /** search each agent's reports for a profitable lie (off: the gains are not computed) */
    misreport: z.boolean().default(true),
    /** evenly spaced reports per agent over the widened price range; default 21, 11 for books of more than 100 agents */
    gridPoints: z.number().int().min(2).max(1001).optional(),
    /** in books with more than 60 distinct prices: the other prices nearest an agent's own tried on each side; default 3, 2 above 100 agents */
    neighbours: z.number().int().min(0).max(100).optional(),
    /** AGV with more than three agents: common random draws of the others' types; default 4 096 up to 20 agents, 512 up to 100, 64 above (the error, ∝ 1/√draws, is stated) */
    agvDraws: z.number().int().min(8).max(100_000).optional(),
    /** seed of the AGV draws */
    seed: z.number().int().default(1),
    /** the period to clear (mechanisms clear one at a time); default the book's first */
    period: z.number().int().positive().optional(),
    /** the certificate's tolerance, relative to the book's largest bid value */
    tolerance: z.number().positive().max(1e-3).default(1e-9),
  })
  .strict();
export type MechanismOptions = z.output<typeof MechanismOptions>;

/** What one mechanism did with the book (payments: negative = received). */
export type MechanismRow = MechanismInfo &
  (
    | {
        status: 'ok';
        prices: Record<string, number>;
        trades: Trade[];
        payments: Record<string, number>;
        utilities: Record<string, number>;
        volume: number;
        welfare: number;
        /** welfare / efficient welfare; null when nothing can trade */
        efficiency: number | null;
        /** payments in minus out minus the grid bill: > 0 surplus, < 0 deficit */
        budget: number;
        irViolations: IrViolation[];
        /** null when the search was off */
        misreport: MisreportGain | null;
        /** utility against report (others truthful; AGV: interim expected utility) on the search's grid, for at most 4 agents: the largest gain's, the first buyer's and the first seller's */
        misreportCurves?: MisreportCurve[];
        /** AGV: bound on every transfer's integration error */
        integrationError: number | null;
        notes: string[];
      }
    | { status: 'refused'; code: string; message: string }
  );

/** One step of a demand or supply curve: `quantity` kWh at `price` (demand falling, supply rising). */
export interface CurveStep {
  price: number;
  quantity: number;
}

export interface MechanismData {
  period: number;
  units: 'blocks' | 'divisible';
  buyers: number;
  sellers: number;
  bids: number;
  /** max Σ value − Σ cost (merit order) and the Walrasian prices supporting it; null interval when nothing trades */
  efficientWelfare: number;
  clearingInterval: { low: number; high: number } | null;
  demand: CurveStep[];
  supply: CurveStep[];
  /** the book's spectrum section (bidBook.spectrum): β per kWh, capacity in units, the coupled optimum the `iterative-coupled` row's efficiency divides by, and the combined supply curve e + β·σ per kWh */
  spectrum?: { perKwh: number; capacity: number; sellers: number; efficientWelfare: number; supply: CurveStep[] };
  /** how hard the search and the AGV integration worked on this book */
  effort: { gridPoints: number; neighbours: number; agv: string };
  /** AGV priors: agents with a KDE of their history and those on a uniform prior (no history) */
  priors: { kde: string[]; uniform: string[]; support: [number, number] };
  mechanisms: MechanismRow[];
  /** AGV's KDE priors of at most 6 agents with a bid history: the history, and the density on a grid over the support */
  priorDensities?: PriorDensity[];
}

export interface PriorDensity {
  agent: string;
  /** the agent's past bid prices (clamped to the support, as fitted) */
  history: number[];
  grid: number[];
  density: number[];
}

export interface MechanismCertificate {
  /** the efficient welfare recomputed as the area between the aggregate demand and supply curves (no merit-order matching) */
  efficientWelfareByCurves: number;
  /** |merit-order efficient welfare (what every efficiency divides by) − area| */
  welfareGap: number;
  /** AGV: |Σ transfers| (budget balance holds identically; this measures rounding), null when AGV did not run */
  agvImbalance: number | null;
  /** AGV: the stated bound on each transfer's integration error (not part of the verdict: it is an estimate, not a proof) */
  agvIntegrationError: number | null;
  /** the book's largest |price × quantity|: tolerances are relative to it */
  scale: number;
  /** what the certificate does and does not prove, in words */
  scope: string;
}

const rowsOk = (d: MechanismData) => d.mechanisms.filter((m): m is Extract<MechanismRow, { status: 'ok' }> => m.status === 'ok');

const perMechanism = (id: string, label: string, unit: string, value: (m: Extract<MechanismRow, { status: 'ok' }>) => number | null): PerEntityOutputOf<MechanismData> => ({
  id,
  label,
  unit,
  shape: 'per-entity',
  entity: 'mechanism',
  entities: () => [...MECHANISM_IDS],
  extract: (d) => Object.fromEntries(rowsOk(d).flatMap((m) => { const v = value(m); return v === null ? [] : [[m.id, v]]; })),
});

export const mechanismOutputs: OutputSpecOf<MechanismData>[] = [
  { id: 'efficientWelfare', label: 'Efficient welfare of the book', unit: 'currency', shape: 'scalar', extract: (d) => d.efficientWelfare },
  perMechanism('welfare', 'Welfare per mechanism', 'currency', (m) => m.welfare),
  perMechanism('efficiency', 'Efficiency per mechanism', 'fraction', (m) => m.efficiency),
  perMechanism('budget', 'Budget surplus (+) or deficit (−) per mechanism', 'currency', (m) => m.budget),
  perMechanism('volume', 'Volume traded per mechanism', 'kWh', (m) => m.volume),
  perMechanism('maxMisreportGain', 'Largest gain from misreporting per mechanism', 'currency', (m) => m.misreport?.maxGain ?? null),
  perMechanism('irViolations', 'Agents worse off than not taking part, per mechanism', 'agents', (m) => m.irViolations.length),
  // the community-price study (renderer/src/market/mechanismStudies.ts): prices against the supply–demand ratio
  { id: 'supplyDemandRatio', label: 'Supply–demand ratio of the book (kWh offered / kWh bid)', unit: 'ratio', shape: 'scalar', extract: (d) => supplyDemandRatio(d) },
  perMechanism('buyPrice', 'Price buyers pay per kWh (community rules)', 'currency/kWh', (m) => m.prices['buy'] ?? null),
  perMechanism('sellPrice', 'Price sellers receive per kWh (community rules)', 'currency/kWh', (m) => m.prices['sell'] ?? null),
  // the coupled energy–spectrum auction (iterative-coupled): the delivered price and its split
  perMechanism('deliveredPrice', 'Delivered price buyers pay per kWh (energy + spectrum)', 'currency/kWh', (m) => m.prices['delivered'] ?? null),
  perMechanism('energyPrice', 'Energy price sellers receive per kWh (energy + spectrum)', 'currency/kWh', (m) => m.prices['energy'] ?? null),
  perMechanism('spectrumPrice', 'Spectrum price per unit (energy + spectrum)', 'currency/unit', (m) => m.prices['spectrum'] ?? null),
  { id: 'coupledEfficientWelfare', label: 'Efficient welfare with spectrum (coupled optimum)', unit: 'currency', shape: 'scalar', extract: (d) => d.spectrum?.efficientWelfare ?? null },
];

/** kWh offered / kWh bid (null when nothing is bid). */
export function supplyDemandRatio(d: Pick<MechanismData, 'demand' | 'supply'>): number | null {
  const q = (steps: CurveStep[]) => steps.reduce((s, x) => s + x.quantity, 0);
  const demand = q(d.demand);
  return demand > 0 ? q(d.supply) / demand : null;
}

const fmt = (x: number | null, digits = 4) => (x === null ? '—' : Number(x.toFixed(digits)).toString());

export function mechanismSummary(data: MechanismData, certificate: MechanismCertificate | null): string[] {
  const head = `book           period ${data.period}: ${data.buyers} buyers, ${data.sellers} sellers, ${data.bids} bids (${data.units}); efficient welfare ${fmt(data.efficientWelfare)}`;
  const pad = Math.max(...data.mechanisms.map((m) => m.id.length));
  const lines = data.mechanisms.map((m) =>
    m.status === 'refused'
      ? `${m.id.padEnd(pad)}  refused: ${m.message}`
      : `${m.id.padEnd(pad)}  welfare ${fmt(m.welfare)}  efficiency ${m.efficiency === null ? '—' : fmt(m.efficiency, 3)}  budget ${fmt(m.budget)}  volume ${fmt(m.volume)}  IR violations ${m.irViolations.length}  misreport gain ${m.misreport ? `${fmt(m.misreport.maxGain)}${m.misreport.agent && m.misreport.maxGain > 1e-9 ? ` (${m.misreport.agent})` : ''}` : 'not searched'}`,
  );
  const spectrum = data.spectrum
    ? [`spectrum       β ${fmt(data.spectrum.perKwh)} units/kWh, ${fmt(data.spectrum.capacity)} units from ${data.spectrum.sellers} sellers; coupled optimum ${fmt(data.spectrum.efficientWelfare)}`]
    : [];
  const split = data.mechanisms.flatMap((m) =>
    m.status === 'ok' && m.prices['spectrum'] !== undefined
      ? [`${m.id.padEnd(pad)}  delivered price ${fmt(m.prices['delivered'] ?? null)} = energy ${fmt(m.prices['energy'] ?? null)} + β × spectrum ${fmt(m.prices['spectrum'] ?? null)}`]
      : [],
  );
  const cert = certificate
    ? [`certificate    welfare gap ${certificate.welfareGap.toExponential(1)}${certificate.agvImbalance === null ? '' : `, AGV Σ transfers ${certificate.agvImbalance.toExponential(1)}, AGV integration error ≤ ${certificate.agvIntegrationError?.toExponential(1)}`}`]
    : [];
  return [head, ...spectrum, ...lines, ...split, ...cert];
}

/** CSV views (`ggs solve --out`): metrics per mechanism, payments per agent and mechanism, trades. */
export function mechanismTables(data: MechanismData): Record<'metrics' | 'payments' | 'trades', Table> {
  const ok = rowsOk(data);
  const agents = [...new Set(ok.flatMap((m) => Object.keys(m.payments)))];
  return {
    metrics: {
      columns: ['mechanism', 'status', 'welfare', 'efficiency', 'budget', 'volume', 'irViolations', 'maxMisreportGain', 'misreportAgent', 'integrationError', 'message'],
      rows: data.mechanisms.map((m) =>
        m.status === 'ok'
          ? [m.id, m.status, m.welfare, m.efficiency, m.budget, m.volume, m.irViolations.length, m.misreport?.maxGain ?? null, m.misreport?.agent ?? null, m.integrationError, null]
          : [m.id, m.status, null, null, null, null, null, null, null, null, m.message],
      ),
    },
    payments: { columns: ['agent', ...ok.map((m) => m.id)], rows: agents.map((a) => [a, ...ok.map((m) => m.payments[a] ?? null)]) },
    trades: { columns: ['mechanism', 'buyer', 'seller', 'quantity', 'price'], rows: ok.flatMap((m) => m.trades.map((t) => [m.id, t.buyer, t.seller, t.quantity, t.price])) },
  };
}

export const mechanismKind = defineJobKind<'mechanism', MechanismOptions, MechanismData, MechanismCertificate>({
  kind: 'mechanism',
  label: 'Mechanism laboratory (double auctions, VCG, AGV, CPA, community prices)',
  options: MechanismOptions,
  outputs: mechanismOutputs,
  summary: mechanismSummary,
  tables: mechanismTables,
  warmStart: false,
});
