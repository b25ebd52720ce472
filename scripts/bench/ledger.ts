/**
 * Settlement-ledger benchmark (printed, not asserted; issue 17 item 9):
 *   1. sign and verify N = 10 000 trades (argument 1 overrides N): settling
 *      them into blocks of 500 — each trade signed by its seller and buyer
 *      and co-signed by 2 of 3 neutral nodes (4 Ed25519 signatures), each
 *      block committed by 4 validators — then verifying the ledger end to end
 *      (every id, signature, Merkle root and link; no re-clearing);
 *   2. PBFT with n = 4, 16, 64 validators (f = 1, 5, 21), no faults and with
 *      f silent validators including the primary: messages per block and
 *      simulation time per block.
 * Wall-clock and CPU seconds. Run: `npm run bench -- ledger`, or `npx tsx scripts/bench/ledger.ts [N]`.
 */
import { settleLedger, type MarketRound } from '../../solver/ledger/settle.ts';
import { verifyLedger } from '../../solver/ledger/verify.ts';
import { simulatePbft } from '../../solver/ledger/pbft.ts';
import { timed } from '../lib/benchTable.ts';

const secs = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(2)} s wall / ${t.cpu.toFixed(2)} s cpu`;

const N = Number(process.argv[2] ?? 10_000);
const PER_BLOCK = 500;
const agents = 200;
const rounds: MarketRound[] = [];
for (let k = 0; k < N; k += PER_BLOCK)
  rounds.push({
    period: rounds.length + 1,
    trades: Array.from({ length: Math.min(PER_BLOCK, N - k) }, (_, i) => ({ seller: `s${(k + i) % agents}`, buyer: `b${(k + 7 * i) % agents}`, kWh: 1 + ((k + i) % 5), price: 0.1 + ((k + i) % 17) / 100 })),
    contract: null,
  });
console.log(`1. ${N} trades in ${rounds.length} blocks, ${2 * agents} parties`);
const signed = timed(() => settleLedger(rounds, { run: { scenario: 'bench', scenarioHash: 'bench', job: 'mechanism', market: 'bench', software: 'bench' }, keySeed: 'bench', neutral: { nodes: 3, threshold: 2 }, f: 1 }));
const signatures = N * 4 + rounds.length * 4;
console.log(`   sign (ids, ${signatures} signatures, Merkle roots, commits): ${secs(signed)} — ${((1e6 * signed.wall) / N).toFixed(0)} µs per trade`);
const verified = timed(() => verifyLedger(signed.value, { reclear: false }));
if (!verified.value.ok) throw new Error(`the benchmark ledger does not verify: ${verified.value.faults[0]?.path}`);
console.log(`   verify end to end: ${secs(verified)} — ${((1e6 * verified.wall) / N).toFixed(0)} µs per trade`);

console.log('2. PBFT, 10 blocks, delays uniform in [0.2, 1]: messages and simulation time per block');
for (const f of [1, 5, 21]) {
  const n = 3 * f + 1;
  for (const faulty of [0, f]) {
    const config = { f, faulty: Array.from({ length: faulty }, (_, i) => i), behaviour: 'silent' as const, blocks: 10, seed: 1, minDelay: 0.2, maxDelay: 1, timeoutRounds: 4, horizonRounds: 10_000, timelineLimit: 0 };
    const t = timed(() => simulatePbft(config));
    const r = t.value;
    const lat = r.blocks.map((b) => b.latencyRounds ?? NaN);
    console.log(`   n = ${String(n).padStart(2)}, faulty ${String(faulty).padStart(2)}: ${r.messagesPerBlock?.toFixed(0).padStart(6)} messages/block (${(r.messagesPerBlock! / n ** 2).toFixed(2)} n²), latency ${(lat.reduce((a, b) => a + b, 0) / lat.length).toFixed(2)} rounds/block, ${((1000 * t.wall) / 10).toFixed(1)} ms/block; safety ${r.safety.holds}, liveness ${r.liveness.holds}`);
  }
}
