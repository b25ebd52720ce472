/**
 * PBFT: safety and liveness for every f' ≤ f faulty validators, every
 * behaviour, faulty primary or not, over many seeds; with f' > f a violation
 * is exhibited; normal-case messages per block grow as n² (2n(n − 1)); the
 * `consensus` job's verdict follows the two properties.
 */
import { describe, expect, it } from 'vitest';
import { simulatePbft, type Behaviour } from '../../../solver/ledger/pbft.ts';
import { runJob } from '../../../solver/jobs/run.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const BEHAVIOURS: Behaviour[] = ['silent', 'equivocating', 'wrong-digest'];
const base = { blocks: 3, minDelay: 0.2, maxDelay: 1, timeoutRounds: 4, horizonRounds: 2000, timelineLimit: 0 };
const faultySet = (n: number, k: number, primary: boolean) => Array.from({ length: k }, (_, i) => (primary ? i : n - 1 - i));

describe('PBFT simulation', () => {
  it("keeps safety and liveness for every f' ≤ f, behaviour and seed (f = 1, 2, 3)", () => {
    let runs = 0;
    for (const f of [1, 2, 3]) {
      const n = 3 * f + 1;
      const seeds = f === 3 ? 4 : 12;
      for (const blocks of [1, 3])
        for (let k = 0; k <= f; k++)
          for (const behaviour of BEHAVIOURS)
            for (const primary of [true, false])
              for (let seed = 1; seed <= seeds; seed++) {
                const r = simulatePbft({ ...base, blocks, f, faulty: faultySet(n, k, primary), behaviour, seed });
                const what = `f=${f} f'=${k} ${behaviour} primary=${primary} seed=${seed} blocks=${blocks}`;
                expect(r.safety.conflicts, what).toEqual([]);
                expect(r.liveness.undecided, what).toEqual([]);
                expect(r.blocks.every((b) => b.committedBy === n - k), what).toBe(true);
                // the honest validators committed the blocks a correct primary proposes (a faulty one's never reach a quorum alone)
                if (behaviour !== 'equivocating') expect(r.blocks.map((b) => b.digest), what).toEqual(r.honestDigests);
                runs++;
              }
    }
    expect(runs).toBe(2 * (2 * 3 * 2 * 12 + 3 * 3 * 2 * 12 + 4 * 3 * 2 * 4));
  });

  it('brings a validator left behind up to date by state transfer (one block, equivocating primary: one honest validator got the other block)', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const r = simulatePbft({ ...base, blocks: 1, f: 1, faulty: [0], behaviour: 'equivocating', seed });
      expect(r.liveness.undecided, `seed ${seed}`).toEqual([]);
      expect(r.safety.holds).toBe(true);
      expect(r.messagesByType['state-transfer']).toBeGreaterThanOrEqual(2);
    }
  });

  it('changes view when the primary is faulty, and not otherwise', () => {
    for (const behaviour of BEHAVIOURS) {
      expect(simulatePbft({ ...base, f: 1, faulty: [0], behaviour, seed: 3 }).finalView, behaviour).toBeGreaterThanOrEqual(1);
      expect(simulatePbft({ ...base, f: 1, faulty: [3], behaviour, seed: 3 }).finalView, behaviour).toBe(0);
    }
  });

  it("exhibits a failure with f' > f: silence and wrong digests stall it, colluding equivocation forks it", () => {
    for (const f of [1, 2]) {
      const n = 3 * f + 1;
      for (let seed = 1; seed <= 10; seed++) {
        const silent = simulatePbft({ ...base, horizonRounds: 300, f, faulty: faultySet(n, f + 1, true), behaviour: 'silent', seed });
        expect(silent.liveness.holds).toBe(false);
        expect(silent.blocks.every((b) => b.committedBy === 0)).toBe(true);
        const wrong = simulatePbft({ ...base, horizonRounds: 300, f, faulty: faultySet(n, f + 1, true), behaviour: 'wrong-digest', seed });
        expect(wrong.liveness.holds).toBe(false);
        const fork = simulatePbft({ ...base, f, faulty: faultySet(n, f + 1, true), behaviour: 'equivocating', seed });
        expect(fork.safety.holds).toBe(false);
        const conflict = fork.safety.conflicts[0]!;
        expect(conflict.digests).toHaveLength(2);
        expect(new Set(conflict.digests.flatMap((d) => d.validators)).size).toBe(n - f - 1);
      }
    }
  });

  it('sends 2n(n − 1) messages per block without faults: growth as n², latency within 3 rounds', () => {
    const points = [1, 2, 3, 5, 8].map((f) => {
      const r = simulatePbft({ ...base, f, faulty: [], behaviour: 'silent', seed: 1 });
      const n = 3 * f + 1;
      expect(r.messagesPerBlock).toBe(2 * n * (n - 1));
      expect(r.messagesByType).toEqual({ 'pre-prepare': 3 * (n - 1), prepare: 3 * (n - 1) ** 2, commit: 3 * n * (n - 1), 'view-change': 0, 'new-view': 0, 'state-transfer': 0 });
      for (const b of r.blocks) expect(b.latencyRounds!).toBeLessThanOrEqual(3);
      return { n, m: r.messagesPerBlock! };
    });
    // messages / n² rises towards 2, and the log–log slope between the two largest n is close to 2
    const ratios = points.map((p) => p.m / p.n ** 2);
    for (let i = 1; i < ratios.length; i++) expect(ratios[i]!).toBeGreaterThan(ratios[i - 1]!);
    expect(ratios.at(-1)!).toBeGreaterThan(1.9);
    const [a, b] = points.slice(-2) as [{ n: number; m: number }, { n: number; m: number }];
    const slope = Math.log(b.m / a.m) / Math.log(b.n / a.n);
    expect(slope).toBeGreaterThan(1.95);
    expect(slope).toBeLessThan(2.1);
  });

  it('replays identically from its seed, and other seeds draw other delays', () => {
    const run = (seed: number) => simulatePbft({ ...base, timelineLimit: 500, f: 1, faulty: [0], behaviour: 'equivocating', seed });
    expect(run(7)).toEqual(run(7));
    expect(run(7).timeline.map((m) => m.received)).not.toEqual(run(8).timeline.map((m) => m.received));
  });
});

describe('the consensus job', () => {
  const scenario = JSON.parse(readFileSync(join(import.meta.dirname, '../../../assets/scenarios/classroom-bid-book.ggs.json'), 'utf8'));

  it('is certified when safety and liveness hold, uncertified with the reason when f is exceeded', async () => {
    const ok = await runJob({ kind: 'consensus', scenario, seed: 2, options: { f: 1, faulty: 1, behaviour: 'wrong-digest' } });
    expect(ok.status).toBe('ok');
    expect(ok.certificate).toMatchObject({ safety: true, liveness: true, violations: 0, n: 4 });
    const broken = await runJob({ kind: 'consensus', scenario, seed: 2, options: { f: 1, faulty: 2, behaviour: 'equivocating' } });
    expect(broken.status).toBe('uncertified');
    expect(broken.verdict?.reason).toMatch(/two honest validators committed different blocks/);
    expect(broken.warnings).toContain('2 faulty validators exceed f = 1: PBFT guarantees neither safety nor liveness');
    const bad = await runJob({ kind: 'consensus', scenario, options: { f: 1, faulty: 5 } });
    expect(bad.status).toBe('invalid');
    expect(bad.error?.path).toBe('options.faulty');
  });
});
