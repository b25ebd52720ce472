/** The forecast options that are not numbers: target, models, feature selection, tuning (numbers: FORECAST_OPTION_FIELDS). */
import { MODEL_IDS, SELECTION_METHODS, TUNING_METHODS } from '../../../solver/forecast/modelIds.ts';
import { setJobOption, useSession } from '../state/session.ts';

export const FORECAST_OPTION_FIELDS = [
  { key: 'horizon', label: 'Horizon', placeholder: '24' },
  { key: 'testDays', label: 'Test days', placeholder: '28' },
  { key: 'folds', label: 'Folds', placeholder: '2' },
  { key: 'iterations', label: 'Search iterations', placeholder: '10' },
];

export function ForecastRunOptions() {
  const options = useSession((s) => s.jobOptions['forecast']);
  const models = Array.isArray(options?.models) ? (options.models as string[]) : [...MODEL_IDS];
  const toggle = (id: string, on: boolean) => {
    const next = MODEL_IDS.filter((m) => (m === id ? on : models.includes(m)));
    setJobOption('models', next.length === MODEL_IDS.length ? undefined : next);
  };
  const choice = (key: string, label: string, values: readonly string[], fallback: string) => (
    <label className="option">
      <span>{label}</span>
      <select aria-label={label} value={typeof options?.[key] === 'string' ? (options[key] as string) : fallback} onChange={(e) => setJobOption(key, e.target.value === fallback ? undefined : e.target.value)}>
        {values.map((v) => (
          <option key={v}>{v}</option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      {choice('target', 'Target', ['load', 'pv', 'net'], 'load')}
      {choice('selection', 'Feature selection', SELECTION_METHODS, 'grasshopper')}
      {choice('tuning', 'ELM tuning', TUNING_METHODS, 'chicken')}
      {MODEL_IDS.map((id) => (
        <label key={id} className="option check">
          <input type="checkbox" checked={models.includes(id)} disabled={id === 'naive' || id === 'ridge'} data-testid={`forecast-model-${id}`} onChange={(e) => toggle(id, e.target.checked)} />
          <span>{id}</span>
        </label>
      ))}
    </>
  );
}
