import { describe, expect, it } from 'vitest';
import { Sac, sacAction, type SacPolicy } from '../../../solver/learn/sac.ts';
import { QuadraticBandit } from '../../../solver/learn/quadraticBandit.ts';

const spec = { optimum: [0.4, -0.3], weights: [1, 2], noise: 0.05 };
const config = { gamma: 0, hidden: [16, 16], warmup: 32, batch: 32, updatesPerStep: 4 };

describe('soft actor-critic', () => {
  it('on a 2-D quadratic bandit: the mean action approaches the known optimum (0.4, −0.3), the policy narrows and α falls', () => {
    const sac = new Sac(new QuadraticBandit(spec, 1), config, 1);
    try {
      const sigma0 = sac.spread([1]);
      for (let e = 0; e < 200; e++) sac.trainEpisode();
      const a = sac.act([1]);
      // measured on seeds 1–3: within 0.014 of the optimum after 200 episodes; asked: 0.05
      expect(Math.abs(a[0]! - 0.4)).toBeLessThan(0.05);
      expect(Math.abs(a[1]! + 0.3)).toBeLessThan(0.05);
      // the temperature tracks the target entropy −2: σ shrinks from its initial ≈ 1, α from 0.1
      sac.spread([1]).forEach((s, j) => expect(s).toBeLessThan(sigma0[j]! / 2));
      expect(sac.alpha).toBeLessThan(0.1);
    } finally {
      sac.dispose();
    }
  }, 120_000); // 200 episodes × 4 gradient steps: 5–9 s on a quiet machine, far more under load

  it('replays exactly from its seed, and a saved policy acts the same through JSON', () => {
    const run = () => {
      const sac = new Sac(new QuadraticBandit(spec, 7), { ...config, warmup: 8, batch: 8, updatesPerStep: 1 }, 7);
      try {
        for (let e = 0; e < 20; e++) sac.trainEpisode();
        return { action: sac.act([1]), policy: sac.policyWeights() };
      } finally {
        sac.dispose();
      }
    };
    const [a, b] = [run(), run()];
    expect(a.action).toEqual(b.action);
    expect(a.policy).toEqual(b.policy);
    const saved = JSON.parse(JSON.stringify(a.policy)) as SacPolicy;
    expect(sacAction(saved, [1])).toEqual(a.action);
    // a different seed learns differently
    const other = new Sac(new QuadraticBandit(spec, 8), { ...config, warmup: 8, batch: 8, updatesPerStep: 1 }, 8);
    try {
      for (let e = 0; e < 20; e++) other.trainEpisode();
      expect(other.act([1])).not.toEqual(a.action);
    } finally {
      other.dispose();
    }
  }, 60_000);

  it('refuses a saved actor of another shape', () => {
    const sac = new Sac(new QuadraticBandit(spec, 1), config, 1);
    const policy = sac.policyWeights();
    sac.dispose();
    expect(() => new Sac(new QuadraticBandit({ optimum: [0.1], weights: [1], noise: 0 }, 1), config, 1, policy)).toThrow(/saved actor/);
  });
});
