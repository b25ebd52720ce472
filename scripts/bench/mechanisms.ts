/**
 * Mechanism-laboratory benchmark (printed, not asserted; issue 14 item 7):
 *   1. one 1 000-agent unit book (500 buyers, 500 sellers, values and costs
 *      uniform): time of each mechanism alone (no misreport search; AGV with
 *      64 common random draws, uniform priors);
 *   2. AGV with 20 agents and KDE priors fitted from a 30-bid history per
 *      agent: transfers, then the interim misreport search;
 *   3. the full comparison (every mechanism, metrics and misreport search)
 *      of one 200-agent book at the core's default effort;
 *   4. the same book through the `mechanism` job's effort for large books
 *      (solver/market/mechanismJob.ts mechanismEffort: 11 grid reports, 2
 *      neighbours each side, 64 AGV draws) — target < 1 s — with what the
 *      coarser effort costs: AGV's stated integration error, and whether
 *      the coarse search still finds the gains the full one finds; and the
 *      same search without the fast path (`fastSearch: false`: every report
 *      re-clears a rebuilt book), the reference it is measured against;
 *   5. one 1 000-agent book at the job's effort: every mechanism with its
 *      misreport search, per mechanism (the coupled energy–spectrum auction
 *      is refused: these books have no spectrum market);
 *   6. the coupled energy–spectrum auction (`iterative-coupled`) on 20-,
 *      100- and 200-agent divisible books with a spectrum market whose
 *      capacity binds, at the job's effort: clearing alone and with the
 *      misreport search over energy agents and spectrum sellers (no fast
 *      path: every report re-runs the price rounds).
 * Wall-clock and CPU seconds (the CPU figure is steadier on a shared machine).
 * Run: `npm run bench -- mechanisms`, or `npx tsx scripts/bench/mechanisms.ts`.
 */
import { compareMechanisms, generateBook, MECHANISM_IDS, mechanismRunner, priorsFromHistory, runMechanism, type BidHistory, type Prior } from '../../solver/market/index.ts';
import { createRng } from '../../solver/whatif/random.ts';
import { mechanismEffort } from '../../solver/market/mechanismJob.ts';
import { MechanismOptions } from '../../solver/jobs/kinds/mechanism.ts';
import { timed } from '../lib/benchTable.ts';

const secs = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(3)} / ${t.cpu.toFixed(3)}`;
const uniformPriors = (agents: string[], lo: number, hi: number): Record<string, Prior> => Object.fromEntries(agents.map((a) => [a, { kind: 'uniform', min: lo, max: hi }]));

console.log('1. one book, 1 000 agents (unit demand), each mechanism alone, s wall / cpu');
const big = generateBook({ buyers: 500, sellers: 500, seed: 1, values: { kind: 'uniform', min: 0, max: 1 }, costs: { kind: 'uniform', min: 0, max: 1 } });
const bigOptions = { priors: uniformPriors(big.bids.map((b) => b.agent), 0, 1), integration: { method: 'crn' as const, samples: 64, seed: 1 } };
for (const id of MECHANISM_IDS) {
  const run = mechanismRunner(id, big, bigOptions);
  run(big); // warm-up (JIT)
  const t = timed(() => run(big));
  console.log(`   ${id.padEnd(14)} ${secs(t)}`);
}

console.log('\n2. AGV, 20 agents, KDE priors from a 30-bid history each');
const small = generateBook({ buyers: 10, sellers: 10, seed: 2, values: { kind: 'normal', mean: 0.6, std: 0.15 }, costs: { kind: 'normal', mean: 0.4, std: 0.15 } });
const rng = createRng(3);
const history: BidHistory = small.bids.flatMap((b) => Array.from({ length: 30 }, () => ({ agent: b.agent, side: b.side, price: Math.min(1, Math.max(0, b.price + 0.1 * (rng.next() - 0.5))) })));
const fit = timed(() => priorsFromHistory(history, small.bids.map((b) => b.agent), 0, 1));
console.log(`   KDE fits        ${secs(fit)}`);
for (const samples of [256, 1024]) {
  const options = { priors: fit.value.priors, integration: { method: 'crn' as const, samples, seed: 1 } };
  const transfers = timed(() => runMechanism('agv', small, { ...options, misreport: false }));
  const full = timed(() => runMechanism('agv', small, options));
  const r = full.value;
  const detail = r.status === 'ok' ? `integration error ≤ ${r.outcome.integrationError!.toExponential(2)}, max interim gain ${r.metrics.misreport!.maxGain.toExponential(2)}` : r.message;
  console.log(`   ${samples} draws: transfers ${secs(transfers)}; with misreport search ${secs(full)}; ${detail}`);
}

console.log('\n3. full comparison, one 200-agent book (every mechanism, metrics and misreport search)');
const mid = generateBook({ buyers: 100, sellers: 100, seed: 4, values: { kind: 'uniform', min: 0, max: 1 }, costs: { kind: 'uniform', min: 0, max: 1 } });
const midOptions = { priors: uniformPriors(mid.bids.map((b) => b.agent), 0, 1) };
compareMechanisms(mid, MECHANISM_IDS, { ...midOptions, misreport: false }); // warm-up
const bare = timed(() => compareMechanisms(mid, MECHANISM_IDS, { ...midOptions, misreport: false }));
console.log(`   without the misreport search: ${secs(bare)}`);
let total = { wall: 0, cpu: 0 };
for (const id of MECHANISM_IDS) {
  const t = timed(() => runMechanism(id, mid, midOptions));
  total = { wall: total.wall + t.wall, cpu: total.cpu + t.cpu };
  const r = t.value;
  if (r.status !== 'ok') console.log(`   ${id.padEnd(14)} refused: ${r.message}`);
  else console.log(`   ${id.padEnd(14)} ${secs(t)}  efficiency ${r.metrics.efficiency?.toFixed(4)} budget ${r.metrics.budget.toFixed(3)} max misreport gain ${r.metrics.misreport!.maxGain.toExponential(2)} (${r.metrics.misreport!.evaluated} reports)`);
}
console.log(`   with the misreport search (21 grid reports + the nearest other prices, per agent): ${secs(total)} (target < 1 s)`);

console.log('\n4. the same book at the mechanism job\'s effort for books of more than 100 agents');
const effort = mechanismEffort(mid.bids.length, MechanismOptions.parse({}));
console.log(`   ${effort.gridPoints} grid reports, ${effort.neighbours} nearest other prices each side, AGV ${effort.integration.method === 'crn' ? `${effort.integration.samples} draws` : 'quadrature'}`);
const jobOptions = { ...midOptions, integration: effort.integration, misreport: { gridPoints: effort.gridPoints, neighbours: effort.neighbours } };
let jobTotal = { wall: 0, cpu: 0 };
for (const id of MECHANISM_IDS) {
  const t = timed(() => runMechanism(id, mid, jobOptions));
  jobTotal = { wall: jobTotal.wall + t.wall, cpu: jobTotal.cpu + t.cpu };
  const r = t.value;
  if (r.status !== 'ok') console.log(`   ${id.padEnd(14)} refused: ${r.message}`);
  else console.log(`   ${id.padEnd(14)} ${secs(t)}  max misreport gain ${r.metrics.misreport!.maxGain.toExponential(2)} (${r.metrics.misreport!.evaluated} reports)${r.outcome.integrationError !== undefined ? `, integration error ≤ ${r.outcome.integrationError.toExponential(2)}` : ''}`);
}
console.log(`   full comparison at the job's effort: ${secs(jobTotal)} (target < 1 s)`);

const reclear = timed(() => MECHANISM_IDS.map((id) => runMechanism(id, mid, { ...jobOptions, fastSearch: false })));
console.log(`   the same without the fast path (every report re-clears a rebuilt book; AGV unchanged): ${secs(reclear)}`);

console.log('\n5. one 1 000-agent book at the job\'s effort, every mechanism with its misreport search');
const bigEffort = mechanismEffort(big.bids.length, MechanismOptions.parse({}));
const bigJob = { ...bigOptions, integration: bigEffort.integration, misreport: { gridPoints: bigEffort.gridPoints, neighbours: bigEffort.neighbours } };
let bigTotal = { wall: 0, cpu: 0 };
for (const id of MECHANISM_IDS) {
  const t = timed(() => runMechanism(id, big, bigJob));
  bigTotal = { wall: bigTotal.wall + t.wall, cpu: bigTotal.cpu + t.cpu };
  const r = t.value;
  if (r.status !== 'ok') console.log(`   ${id.padEnd(14)} refused: ${r.message}`);
  else console.log(`   ${id.padEnd(14)} ${secs(t)}  max misreport gain ${r.metrics.misreport!.maxGain.toExponential(2)} (${r.metrics.misreport!.evaluated} reports)`);
}
console.log(`   full comparison: ${secs(bigTotal)}`);

console.log('\n6. the coupled energy–spectrum auction (iterative-coupled), spectrum capacity binding, at the job\'s effort');
for (const n of [20, 100, 200]) {
  const book = generateBook({ buyers: n / 2, sellers: n / 2, seed: 3, units: 'divisible', values: { kind: 'uniform', min: 0, max: 10 }, costs: { kind: 'uniform', min: 0, max: 8 }, quantity: { min: 1, max: 5 } });
  // five spectrum sellers, β = 1, capacity a third of the kWh bid: the coupled optimum trades less than the energy-only one
  const bid = book.bids.filter((b) => b.side === 'buy').reduce((q, b) => q + b.quantity, 0);
  const spectrum = { perKwh: 1, asks: Array.from({ length: 5 }, (_, i) => ({ agent: `tower${i}`, price: 0.2 * (i + 1), quantity: bid / 15 })) };
  const effort = mechanismEffort(n, MechanismOptions.parse({}));
  const bare = timed(() => runMechanism('iterative-coupled', book, { spectrum, misreport: false }));
  const searched = timed(() => runMechanism('iterative-coupled', book, { spectrum, misreport: { gridPoints: effort.gridPoints, neighbours: effort.neighbours } }));
  const r = searched.value;
  if (r.status !== 'ok') console.log(`   ${n} agents refused: ${r.message}`);
  else console.log(`   ${String(n).padStart(3)} agents  clear ${secs(bare)}  with search ${secs(searched)}  (${r.metrics.misreport!.evaluated} reports, max gain ${r.metrics.misreport!.maxGain.toExponential(2)}), efficiency ${r.metrics.efficiency!.toFixed(9)}, ${r.outcome.notes[1]}`);
}
