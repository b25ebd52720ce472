/**
 * One side's prior in the k-double auction (`kda.buyerPrior` or
 * `kda.sellerPrior`): a shape (uniform, triangular with its mode, custom)
 * that writes the weights, the weight table for custom edits, the
 * normalised prior as bars over the type grid, and the issue at the path
 * (e.g. a prior whose length no longer matches typePoints, with a fix).
 */
import { useMemo, useState } from 'react';
import { CellInput } from '../components/CellInput.tsx';
import { Plot } from '../components/Plot.tsx';
import { useDocument } from '../state/document.ts';
import { inferShape, kdaTypes, normalisedWeights, resampleWeights, triangularPrior, type PriorShape } from './kdaPriors.ts';
import { BUYER, SELLER } from './KdaResultView.tsx';

export interface KdaPriorEditorProps {
  side: 'buyer' | 'seller';
  weights: number[] | undefined;
  min: number;
  max: number;
  typePoints: number;
  issues: Map<string, string>;
}

export function KdaPriorEditor({ side, weights, min, max, typePoints, issues }: KdaPriorEditorProps) {
  const path = side === 'buyer' ? 'kda.buyerPrior' : 'kda.sellerPrior';
  const types = useMemo(() => kdaTypes(min, max, typePoints), [min, max, typePoints]);
  const [shape, setShape] = useState<PriorShape>(() => inferShape(weights));
  const [mode, setMode] = useState<number>((min + max) / 2);
  const issue = issues.get(path);
  const write = (w: number[] | undefined) => useDocument.getState().setField(path, w);
  const apply = (next: PriorShape, m = mode) => {
    setShape(next);
    if (next === 'uniform') write(undefined);
    else if (next === 'triangular') write(triangularPrior(types, m));
    else if (!weights) write(types.map(() => 1)); // custom starts from the uniform weights
  };
  // undo or another document may have changed the weights under the picker
  const shown: PriorShape = !weights ? 'uniform' : shape === 'uniform' ? 'custom' : shape;
  const shares = useMemo(() => (!weights || weights.length === typePoints ? normalisedWeights(weights, typePoints) : null), [weights, typePoints]);
  const colour = side === 'buyer' ? BUYER : SELLER;
  const what = side === 'buyer' ? 'value v' : 'cost c';
  const figure = useMemo(
    () =>
      shares && {
        data: [{ type: 'bar' as const, x: types, y: shares, marker: { color: colour }, hovertemplate: `${what} %{x:.3f}: %{y:.4f}<extra></extra>` }],
        layout: {
          margin: { l: 58, r: 6, t: 4, b: 30 },
          bargap: 0.1,
          xaxis: { title: { text: `${what} (money/unit)`, standoff: 2 }, range: [min - (max - min) / (2 * (typePoints - 1)), max + (max - min) / (2 * (typePoints - 1))] },
          yaxis: { title: { text: 'P(type)', standoff: 4 }, rangemode: 'tozero' as const },
        },
      },
    [shares, types, colour, what, min, max, typePoints],
  );
  return (
    <div className={`kda-prior${issue ? ' invalid' : ''}`} data-testid={`kda-prior-${side}`}>
      <div className="kda-prior-head">
        <b style={{ color: colour }}>{side === 'buyer' ? 'Buyer value prior' : 'Seller cost prior'}</b>
        <select aria-label={`${side} prior shape`} data-testid={`kda-prior-${side}-shape`} value={shown} onChange={(e) => apply(e.target.value as PriorShape)}>
          <option value="uniform">uniform</option>
          <option value="triangular">triangular</option>
          <option value="custom">custom weights</option>
        </select>
        {shown === 'triangular' && (
          <label className="kda-prior-mode">
            mode
            <CellInput
              kind="number"
              label={`${side} prior mode`}
              value={mode}
              testId={`kda-prior-${side}-mode`}
              onCommit={(v) => {
                const m = Number(v);
                if (!Number.isFinite(m)) return;
                setMode(m);
                apply('triangular', m);
              }}
            />
          </label>
        )}
        <span className="muted">{weights ? `${weights.length} weights` : 'uniform (no weights stored)'}</span>
      </div>
      {issue && (
        <div className="form-issue" role="alert" data-testid={`kda-prior-${side}-issue`}>
          <code>{path}</code>: {issue}{' '}
          {weights && weights.length !== typePoints && weights.length > 0 && (
            <button className="small-button" data-testid={`kda-prior-${side}-resample`} onClick={() => write(resampleWeights(weights, typePoints))}>
              Resample to {typePoints} points
            </button>
          )}
        </div>
      )}
      {figure && <Plot testId={`kda-prior-${side}-bars`} exportName={`kda-${side}-prior`} height={130} data={figure.data} layout={figure.layout} />}
      {shown === 'custom' && weights && (
        <div className="table-scroll kda-weights">
          <table className="grid" data-testid={`kda-prior-${side}-table`}>
            <thead>
              <tr>
                <th>{what}</th>
                <th>weight</th>
                <th>P</th>
              </tr>
            </thead>
            <tbody>
              {weights.map((w, i) => (
                <tr key={i}>
                  <td className="num">{types[i]?.toFixed(3) ?? '—'}</td>
                  <td>
                    <CellInput
                      kind="number"
                      label={`${side} prior weight ${i + 1}`}
                      value={w}
                      issue={issues.get(`${path}[${i}]`)}
                      testId={`kda-prior-${side}-w${i}`}
                      onCommit={(v) => useDocument.getState().setField(`${path}[${i}]`, v)}
                    />
                  </td>
                  <td className="num">{shares ? (shares[i]! * 100).toFixed(2) + ' %' : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
