/** The k-double auction section: k, the type grid, the buyer's and seller's priors over it (shapes or weights, shown as bars) and the starting profile. */
import { FormField } from '../components/FormField.tsx';
import { useIssues } from '../state/useIssues.ts';
import { useDocument } from '../state/document.ts';
import { KdaPriorEditor } from './KdaPriorEditor.tsx';

export function KdaEditor() {
  const issues = useIssues();
  const kda = useDocument((s) => s.scenario.kda);
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
      <h3>Priors over the type grid</h3>
      <p className="form-hint">Weights need not sum to 1: the solver normalises them. With both priors uniform the Chatterjee–Samuelson linear profile is the reference equilibrium.</p>
      <KdaPriorEditor side="buyer" weights={kda.buyerPrior} min={num(kda.min, 0)} max={num(kda.max, 1)} typePoints={int(kda.typePoints, 101)} issues={issues} />
      <KdaPriorEditor side="seller" weights={kda.sellerPrior} min={num(kda.min, 0)} max={num(kda.max, 1)} typePoints={int(kda.typePoints, 101)} issues={issues} />
    </div>
  );
}

// the document may hold a value being typed (validation flags it); the prior bars need a usable grid meanwhile
const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const int = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isInteger(v) && v >= 2 && v <= 2001 ? v : fallback);
