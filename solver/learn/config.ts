/**
 * Hyper-parameters every actor-critic learner here shares (the bidders and
 * MATD3 add their own).
 */
export interface ActorCriticConfig {
  hidden: number[];
  actorLr: number;
  criticLr: number;
  gamma: number;
  tau: number;
  batch: number;
  buffer: number;
  /** transitions collected before updates start */
  warmup: number;
  /** exploration σ from → to over `noiseDecay` (episodes for the bidders, steps for MATD3) */
  noiseFrom: number;
  noiseTo: number;
  noiseDecay: number;
}
