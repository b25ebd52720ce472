/**
 * The coupled energy–spectrum auction as a rule of the `mechanism` job
 * (`iterative-coupled`): the scenario's bidBook.spectrum section (schema and
 * cross-checks with field paths), the job row on the community sample (the
 * spectrum capacity binds: hand-computed prices, payments, welfare), the
 * refusal without a spectrum section, the spectrum sellers' misreport
 * search, and efficiency 1 against the coupled LP optimum on random books
 * whose spectrum capacity binds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runJob } from '../../../solver/jobs/run.ts';
import { validateScenario } from '../../../solver/scenario/validate.ts';
import type { ScenarioInput } from '../../../solver/scenario/schema.ts';
import { extractOutputs } from '../../../solver/whatif/outputs.ts';
import { mechanismSummary, type MechanismData, type MechanismRow } from '../../../solver/jobs/kinds/mechanism.ts';
import { coupledAuction, runMechanism, spectrumMisreportGain, type BidBook, type SpectrumMarket } from '../../../solver/market/index.ts';
import { lpOptimum } from './coupledLp.ts';

const sample = (name: string): ScenarioInput => JSON.parse(readFileSync(new URL(`../../../assets/scenarios/${name}.ggs.json`, import.meta.url), 'utf8'));
const messages = (s: unknown) => {
  const v = validateScenario(s);
  return v.ok ? [] : v.issues.map((i) => `${i.path}: ${i.message}`);
};
type OkRow = Extract<MechanismRow, { status: 'ok' }>;
const row = (d: MechanismData, id: string) => d.mechanisms.find((m) => m.id === id)!;

describe('bidBook.spectrum in the scenario', () => {
  it('names the field path of a negative β, a NaN price, a negative quantity, a seller that also bids energy and an empty offer', () => {
    const s = sample('small-community-market') as any;
    s.bidBook.spectrum.perKwh = -1;
    s.bidBook.spectrum.asks[0].price = Number.NaN;
    s.bidBook.spectrum.asks[1].quantity = -2;
    const m = messages(s);
    expect(m.some((x) => x.startsWith('bidBook.spectrum.perKwh:'))).toBe(true);
    expect(m.some((x) => x.startsWith('bidBook.spectrum.asks[0].price:'))).toBe(true);
    expect(m.some((x) => x.startsWith('bidBook.spectrum.asks[1].quantity:'))).toBe(true);

    const t = sample('small-community-market') as any;
    t.bidBook.spectrum.asks[1].agent = 'pv-2';
    expect(messages(t)).toContain('bidBook.spectrum.asks[1].agent: agent "pv-2" also bids energy in bidBook.bids; a spectrum seller is an agent of its own (give it another id)');
    const u = sample('small-community-market') as any;
    for (const a of u.bidBook.spectrum.asks) a.quantity = 0;
    expect(messages(u)).toContain('bidBook.spectrum.asks: offers no spectrum unit: nothing could trade; give an ask a positive quantity');
    const v = sample('small-community-market') as any;
    v.bidBook.spectrum.asks = [];
    expect(messages(v).some((x) => x.startsWith('bidBook.spectrum.asks:'))).toBe(true);
  });
});

describe('iterative-coupled in the mechanism job', () => {
  it('clears the community sample with its binding spectrum capacity: 7 kWh, delivered 0.16 = energy 0.11 + spectrum 0.05, budget 0, efficiency 1 against the coupled optimum', async () => {
    const r = await runJob({ kind: 'mechanism', scenario: sample('small-community-market'), options: { mechanisms: ['iterative', 'iterative-coupled'] } });
    expect(r.status).toBe('ok');
    expect(r.verdict!.certified).toBe(true);
    const d = r.data!;
    // by hand: 7 units carry 7 kWh (house-1, house-2 and 2 of house-3's 4 kWh at 0.16); costs 2×0.06 + 3×0.08 + 0.09 + 0.11 energy, 4×0.005 + 3×0.01 spectrum
    expect(d.spectrum).toMatchObject({ perKwh: 1, capacity: 7, sellers: 2 });
    expect(d.spectrum!.efficientWelfare).toBeCloseTo(1.23 - 0.56 - 0.05, 12);
    const m = row(d, 'iterative-coupled') as OkRow;
    expect(m.status).toBe('ok');
    expect(m.volume).toBeCloseTo(7, 9);
    expect(m.prices['delivered']).toBeCloseTo(0.16, 9);
    expect(m.prices['energy']).toBeCloseTo(0.11, 9);
    expect(m.prices['spectrum']).toBeCloseTo(0.05, 9);
    expect(m.welfare).toBeCloseTo(0.62, 9);
    expect(m.efficiency).toBeCloseTo(1, 9);
    // the spectrum sellers receive 0.05 per unit; every payment accounted: Σ payments = budget = 0
    expect(m.payments['tower-a']).toBeCloseTo(-0.2, 9);
    expect(m.payments['tower-b']).toBeCloseTo(-0.15, 9);
    expect(m.payments['house-1']).toBeCloseTo(3 * 0.16, 9);
    expect(m.payments['pv-1']).toBeCloseTo(-2 * 0.11, 9);
    const sum = Object.values(m.payments).reduce((a, b) => a + b, 0);
    expect(m.budget).toBeCloseTo(sum, 12);
    expect(m.budget).toBeCloseTo(0, 12);
    expect(m.utilities['tower-a']).toBeCloseTo(4 * (0.05 - 0.005), 9);
    expect(m.irViolations).toEqual([]);
    expect(m.trades.reduce((s, t) => s + t.quantity, 0)).toBeCloseTo(7, 9);
    expect(m.trades.every((t) => t.price === m.prices['delivered'])).toBe(true);
    // the search covered the spectrum sellers' asks too, and found house-3's shading (it is rationed at the price it sets)
    expect(m.misreport!.evaluated).toBeGreaterThan((row(d, 'iterative') as OkRow).misreport!.evaluated);
    expect(m.misreport!.maxGain).toBeGreaterThan(0);
    expect(m.notes.join(' ')).toMatch(/spectrum capacity binds/);
    // the energy-only iterative auction ignores the spectrum: 10 kWh, the energy-only optimum
    expect((row(d, 'iterative') as OkRow).volume).toBeCloseTo(10, 9);
    const out = extractOutputs('mechanism', d).outputs;
    expect(out['spectrumPrice']).toEqual({ 'iterative-coupled': m.prices['spectrum'] });
    expect(out['deliveredPrice']).toEqual({ 'iterative-coupled': m.prices['delivered'] });
    expect(out['coupledEfficientWelfare'] as number).toBeCloseTo(0.62, 9);
    const text = mechanismSummary(d, r.certificate!).join('\n');
    expect(text).toMatch(/spectrum +β 1 units\/kWh, 7 units from 2 sellers; coupled optimum 0\.62/);
    expect(text).toMatch(/iterative-coupled +delivered price 0\.16 = energy 0\.11 \+ β × spectrum 0\.05/);
  });

  it('refuses a book without a spectrum section, saying what it needs, and runs the other rules', async () => {
    const r = await runJob({ kind: 'mechanism', scenario: sample('classroom-bid-book'), options: { mechanisms: ['iterative-coupled', 'iterative'], misreport: false } });
    expect(r.status).toBe('ok');
    const m = r.data!.mechanisms[0]!;
    expect(m.status).toBe('refused');
    if (m.status !== 'refused') return;
    expect(m.code).toBe('needs-spectrum');
    expect(m.message).toMatch(/needs a spectrum section \(bidBook\.spectrum/);
    expect(r.data!.mechanisms[1]!.status).toBe('ok');
    expect(r.data!.spectrum).toBeUndefined();
  });

  it('refuses a generated book whose agent ids clash with a spectrum seller, naming the path', async () => {
    const s = sample('small-community-market') as any;
    s.bidBook.bids = [];
    s.bidBook.history = [];
    s.bidBook.generator = { buyers: 3, sellers: 3, seed: 2, values: { kind: 'uniform', min: 0.1, max: 0.2 }, costs: { kind: 'uniform', min: 0.05, max: 0.15 } };
    const first = (await runJob({ kind: 'mechanism', scenario: s, options: { mechanisms: ['iterative'], misreport: false } })).data!;
    const agent = first.mechanisms[0]!.status === 'ok' ? Object.keys(first.mechanisms[0]!.payments)[0]! : '';
    s.bidBook.spectrum.asks[0].agent = agent;
    const r = await runJob({ kind: 'mechanism', scenario: s, options: { mechanisms: ['iterative-coupled'], misreport: false } });
    expect(r.status).toBe('invalid');
    expect(r.error!.message).toMatch(/also bids energy/);
    expect(JSON.stringify(r.error)).toMatch(/bidBook\.spectrum\.asks\.0\.agent/);
  });
});

describe('iterative-coupled on random books with a binding spectrum capacity', () => {
  const step = fc.record({ price: fc.integer({ min: 0, max: 100 }), quantity: fc.integer({ min: 1, max: 6 }) });
  const market = fc.tuple(fc.array(step, { minLength: 1, maxLength: 6 }), fc.array(step, { minLength: 1, maxLength: 6 }), fc.array(step, { minLength: 1, maxLength: 3 }), fc.constantFrom(0.5, 1, 2)).map(([b, s, sp, beta]) => ({
    book: { units: 'divisible', bids: [...b.map((x, i) => ({ agent: `b${i}`, side: 'buy' as const, price: 2 + x.price / 5, quantity: x.quantity })), ...s.map((x, i) => ({ agent: `s${i}`, side: 'sell' as const, price: x.price / 10, quantity: x.quantity }))] } as BidBook,
    spectrum: { perKwh: beta, asks: sp.map((x, i) => ({ agent: `w${i}`, price: x.price / 50, quantity: x.quantity / 2 })) } as SpectrumMarket,
  }));

  it('reaches the coupled LP optimum (efficiency 1, the efficient welfare the LP\'s), balances its budget and leaves nobody worse off', async () => {
    let binding = 0;
    for (const { book, spectrum } of fc.sample(market, { numRuns: 60, seed: 14 })) {
      const r = runMechanism('iterative-coupled', book, { spectrum, misreport: false });
      expect(r.status).toBe('ok');
      if (r.status !== 'ok') continue;
      const optimum = await lpOptimum(book, spectrum);
      expect(r.metrics.efficientWelfare).toBeCloseTo(optimum, 6);
      if (optimum > 1e-6) expect(r.metrics.efficiency).toBeCloseTo(1, 6);
      expect(r.metrics.budget).toBeCloseTo(r.outcome.payments.reduce((a, b) => a + b, 0), 12);
      expect(r.metrics.budget).toBeCloseTo(0, 9);
      expect(r.metrics.irViolations).toEqual([]);
      const capacity = spectrum.asks.reduce((s, a) => s + a.quantity, 0);
      if (spectrum.perKwh * r.metrics.volume >= capacity - 1e-9) binding++;
    }
    // the generator's buyers value energy above 2, so most books run out of spectrum
    expect(binding).toBeGreaterThan(30);
  });

  it('searches the spectrum sellers\' asks: a monopoly tower gains by raising its ask towards the buyers\' value', () => {
    const book: BidBook = { units: 'divisible', bids: [{ agent: 'b1', side: 'buy', price: 10, quantity: 2 }, { agent: 'b2', side: 'buy', price: 4, quantity: 2 }, { agent: 's', side: 'sell', price: 1, quantity: 4 }] };
    const spectrum: SpectrumMarket = { perKwh: 1, asks: [{ agent: 'w', price: 0.5, quantity: 4 }] };
    const truthful = coupledAuction(book, spectrum);
    const found = spectrumMisreportGain(book, spectrum, (s) => coupledAuction(book, s), truthful, { gridPoints: 21 });
    expect(found.agent).toBe('w');
    expect(found.maxGain).toBeGreaterThan(0.5);
    expect(found.report!).toBeGreaterThan(0.5);
  });
});
