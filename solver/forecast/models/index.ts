/** Every forecasting model, baselines first (the order of the error table). */
import { seasonalNaive } from './naive.ts';
import { ridge } from './ridge.ts';
import { elm } from './elm.ts';
import { deepElm } from './deepElm.ts';
import { mlp } from './mlp.ts';
import type { ForecastModel } from './model.ts';

import type { ModelId } from '../modelIds.ts';

export { MODEL_IDS, type ModelId } from '../modelIds.ts';

export const MODELS: Record<ModelId, ForecastModel> = { naive: seasonalNaive, ridge, elm, delm: deepElm, mlp };
