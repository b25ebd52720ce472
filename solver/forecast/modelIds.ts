/** The forecasting models' ids, apart from their code, so the job kind module imports no solver code (nor TensorFlow.js). */
export const MODEL_IDS = ['naive', 'ridge', 'elm', 'delm', 'mlp'] as const;
export type ModelId = (typeof MODEL_IDS)[number];
export const SELECTION_METHODS = ['grasshopper', 'coyote', 'none'] as const;
export const TUNING_METHODS = ['chicken', 'none'] as const;
