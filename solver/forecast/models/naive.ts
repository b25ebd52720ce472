/** Seasonal naive: the value at the same time one week before the target (the first baseline). */
import { LAG_WEEK } from '../features.ts';
import type { ForecastModel } from './model.ts';

export const seasonalNaive: ForecastModel = {
  id: 'naive',
  label: 'Seasonal naive (same time last week)',
  baseline: true,
  fit: () => ({ predict: (X) => X.map((r) => r[LAG_WEEK]!), info: { lag: '7 days' }, chosen: {} }),
};
