/**
 * What every forecasting model is: trained on full feature rows (features.ts)
 * with a mask of the columns it may use, and a validation split inside the
 * training window (for early stopping; never the test period). Training is
 * synchronous and seeded: the same data, mask, parameters and seed give the
 * same predictions.
 */
export interface TrainSet {
  X: number[][];
  y: number[];
}

export interface FittedModel {
  predict(X: number[][]): number[];
  /** what was fitted (sizes, epochs, regularisation) for the report */
  info: Record<string, number | string>;
  /** the parameters the validation split chose (λ, epochs), so the model can be refitted on the whole training window without it */
  chosen: ModelParams;
  /**
   * The model fitted on its training rows followed by `more` (the
   * rolling-origin evaluation's refit on the whole window = fit rows +
   * validation rows), for models that can add rows to what they already
   * computed instead of starting again; models without it are refitted from
   * scratch.
   */
  refit?(more: TrainSet): FittedModel;
}

export interface ModelParams {
  /** ELM family: hidden units (per layer for the deep ELM) */
  hidden?: number;
  /** ridge / ELM: regularisation λ of the least squares */
  lambda?: number;
  /** deep network: training epochs (without a validation split: exactly this many) */
  epochs?: number;
}

export interface ForecastModel {
  id: string;
  label: string;
  /** baselines must be beaten honestly; the rest are the learned models */
  baseline: boolean;
  fit(train: TrainSet, val: TrainSet | null, mask: readonly boolean[], params: ModelParams, seed: number): FittedModel;
}
