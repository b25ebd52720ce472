/**
 * A neural surrogate of the carbon-aware DLMPs (issue 19 item 4): a small
 * dense network (network.ts, seeded Glorot weights, ReLU hidden layers,
 * linear output) trained on the exact OPF's own answers — market state
 * features and the agents' injections in, the DLMP of every bus out — so
 * the traders can be trained without an LP solve per step.
 *
 * Inputs: the state features of dlmpMarket.ts (period one-hot, load level
 * on [−1, 1]) and each agent's injection mapped to [−1, 1]. Outputs are
 * standardised by the training samples' mean and spread of all prices
 * (one shift and one scale for every bus, so the network's outputs keep
 * their relative sizes). Fitted by Adam on mean squared error with seeded
 * mini-batches; the held-out samples are never seen in training and give
 * the reported mean absolute and largest error (currency/kWh).
 *
 * The DLMPs of an LP are piecewise constant in the injections (they jump
 * when a limit starts or stops binding), so a smooth network is least
 * accurate next to those jumps: the largest held-out error is typically a
 * step's height there, the mean error is small. Both are reported.
 */
import { Net, fitMse, type NetWeights } from './network.ts';
import { rngOf } from '../forecast/random.ts';
import { stateFeatures, type DlmpMarketSpec, type MarketState, type Pricer } from './dlmpMarket.ts';
import type { SurrogateError, SurrogateWeights } from './dlmpTypes.ts';

export type { SurrogateError, SurrogateWeights };

export interface SurrogateConfig {
  hidden: number[];
  epochs: number;
  batch: number;
  lr: number;
}

export const SURROGATE_DEFAULTS: SurrogateConfig = { hidden: [64, 64], epochs: 300, batch: 32, lr: 3e-3 };


/** One exact OPF answer: the state, the injections (kW) and every bus's DLMP. */
export interface PriceSample {
  state: MarketState;
  q: number[];
  dlmps: number[];
}

export function surrogateInput(spec: DlmpMarketSpec, state: MarketState, q: readonly number[]): number[] {
  return [...stateFeatures(spec, state), ...spec.agents.map((a, i) => (2 * q[i]!) / a.qMaxKw - 1)];
}

export const surrogateInputWidth = (spec: DlmpMarketSpec): number => spec.periods.length + 1 + spec.agents.length;

export class DlmpSurrogate implements Pricer {
  readonly net: Net;
  constructor(readonly spec: DlmpMarketSpec, readonly saved: SurrogateWeights) {
    if (saved.net.spec.inputs !== surrogateInputWidth(spec)) throw new RangeError(`the saved surrogate takes ${saved.net.spec.inputs} inputs; this market needs ${surrogateInputWidth(spec)} (periods + 1 + agents)`);
    if (saved.net.spec.outputs !== saved.buses.length) throw new RangeError(`the saved surrogate has ${saved.net.spec.outputs} outputs for ${saved.buses.length} buses`);
    this.net = Net.fromWeights(saved.net);
  }

  prices(state: MarketState, q: readonly number[]): number[] {
    return this.net.predict([surrogateInput(this.spec, state, q)])[0]!.map((y) => this.saved.shift + this.saved.scale * y);
  }

  /** Many at once (one forward pass). */
  pricesOf(samples: readonly { state: MarketState; q: readonly number[] }[]): number[][] {
    return this.net.predict(samples.map((s) => surrogateInput(this.spec, s.state, s.q))).map((row) => row.map((y) => this.saved.shift + this.saved.scale * y));
  }

  dispose(): void {
    this.net.dispose();
  }
}


export function surrogateError(s: DlmpSurrogate, samples: readonly PriceSample[], agentBus: readonly number[]): SurrogateError {
  const predicted = s.pricesOf(samples);
  let sum = 0, max = 0, count = 0, aSum = 0, aMax = 0, aCount = 0;
  samples.forEach((x, k) => {
    x.dlmps.forEach((d, j) => {
      const e = Math.abs(predicted[k]![j]! - d);
      sum += e, count++, max = Math.max(max, e);
    });
    for (const j of agentBus) {
      const e = Math.abs(predicted[k]![j]! - x.dlmps[j]!);
      aSum += e, aCount++, aMax = Math.max(aMax, e);
    }
  });
  return { samples: samples.length, mae: count ? sum / count : 0, maxError: max, agentMae: aCount ? aSum / aCount : 0, agentMaxError: aMax };
}

/**
 * Fits a surrogate on the samples (seeded: weights, mini-batch order).
 * Returns it with the training loss (mean squared error in standardised
 * units) after every epoch.
 */
export function fitSurrogate(spec: DlmpMarketSpec, buses: string[], samples: readonly PriceSample[], config: SurrogateConfig, seed: number): { surrogate: DlmpSurrogate; loss: number[] } {
  if (samples.length === 0) throw new RangeError('the surrogate needs at least one training sample');
  const all = samples.flatMap((s) => s.dlmps);
  const shift = all.reduce((a, b) => a + b, 0) / all.length;
  const scale = Math.max(1e-6, Math.sqrt(all.reduce((a, b) => a + (b - shift) ** 2, 0) / all.length));
  const rng = rngOf(seed ^ 0x5a11);
  const net = Net.create({ inputs: surrogateInputWidth(spec), hidden: config.hidden, outputs: buses.length, output: 'linear' }, rng);
  const x = samples.map((s) => surrogateInput(spec, s.state, s.q));
  const y = samples.map((s) => s.dlmps.map((d) => (d - shift) / scale));
  const loss = fitMse(net, x, y, { learningRate: config.lr, epochs: config.epochs, batch: config.batch }, rng);
  const saved: SurrogateWeights = { net: net.weights(), shift, scale, buses };
  net.dispose();
  return { surrogate: new DlmpSurrogate(spec, saved), loss };
}
