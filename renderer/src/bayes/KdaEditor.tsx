/** The k-double auction section: k, the type grid and the starting profile. Priors stay uniform unless the file gives them. */
import { FormField } from '../components/FormField.tsx';
import { useIssues } from '../state/useIssues.ts';
import { useDocument } from '../state/document.ts';

export function KdaEditor() {
  const issues = useIssues();
  const kda = useDocument((s) => (s.scenario as { kda?: { start?: string; buyerPrior?: number[]; sellerPrior?: number[] } }).kda);
  if (!kda)
    return (
      <div className="form" data-testid="kda-editor">
        <p className="muted">This scenario has no k-double auction.</p>
        <button data-testid="kda-add" onClick={() => useDocument.getState().setField('kda', { k: 0.5, typePoints: 101, min: 0, max: 1, start: 'linear' })}>
          Add a k-double auction
        </button>
      </div>
    );
  return (
    <div className="form" data-testid="kda-editor">
      <FormField path="kda.k" label="k" kind="number" issues={issues} hint="price = k·bid + (1 − k)·ask, 0..1" />
      <FormField path="kda.typePoints" label="Type points" kind="number" issues={issues} hint="101: the linear profile is an exact equilibrium of the grid game" />
      <FormField path="kda.min" label="Min" unit="money/unit" kind="number" issues={issues} />
      <FormField path="kda.max" label="Max" unit="money/unit" kind="number" issues={issues} />
      <FormField path="kda.actionPoints" label="Action points" kind="optionalNumber" issues={issues} placeholder="3·(types − 1) + 1" />
      <label className="form-field">
        <span className="form-label">Start</span>
        <select data-testid="field-kda.start" value={kda.start ?? 'linear'} onChange={(e) => useDocument.getState().setField('kda.start', e.target.value)}>
          <option value="linear">linear (Chatterjee–Samuelson)</option>
          <option value="truthful">truthful</option>
        </select>
        <span className="form-hint">starting profile of best response</span>
      </label>
      <p className="muted">
        Priors: buyer {kda.buyerPrior ? `${kda.buyerPrior.length} weights` : 'uniform'}, seller {kda.sellerPrior ? `${kda.sellerPrior.length} weights` : 'uniform'}.
      </p>
    </div>
  );
}
