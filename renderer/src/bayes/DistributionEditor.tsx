/**
 * One generated quantity of a fleet generator: its distribution's kind and
 * parameters (every kind the schema allows: fixed, uniform, normal with
 * optional clipping, empirical values with weights), each input showing the
 * validation issue at its path, and beneath it the histogram of the sampled
 * fleet against what the distribution expects.
 */
import { useMemo } from 'react';
import type { Distribution } from '../../../solver/scenario/schema.ts';
import { CellInput } from '../components/CellInput.tsx';
import { Plot } from '../components/Plot.tsx';
import { useDocument } from '../state/document.ts';
import { issuesUnder } from '../state/useIssues.ts';
import { convertDistribution, describeDistribution, DISTRIBUTION_FIELDS, DISTRIBUTION_KINDS, parseNumberList, type DistributionKind } from './distributionForm.ts';
import type { QuantityPreview } from './generatorPreview.ts';

const SAMPLED = '#7f98b5';
const EXPECTED = '#e07b00';
const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : '—');

export interface DistributionEditorProps {
  /** path of the distribution, `evFleets[0].generator.arrivalH` */
  path: string;
  label: string;
  unit: string;
  /** as stored in the document (absent: the schema default, `shown`) */
  stored: Record<string, unknown> | undefined;
  /** the parsed distribution (defaults filled): what the inputs show */
  shown: Distribution | undefined;
  preview: QuantityPreview | undefined;
  issues: Map<string, string>;
  testId: string;
}

export function DistributionEditor({ path, label, unit, stored, shown, preview, issues, testId }: DistributionEditorProps) {
  const current = (stored ?? shown) as Record<string, unknown> | undefined;
  const kind = (current?.kind as DistributionKind | undefined) ?? 'fixed';
  // the whole distribution is written at once: a defaulted quantity has no object in the document to set a field of
  const write = (next: Record<string, unknown>) => useDocument.getState().setField(path, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
  const ownIssues = issuesUnder(issues, path);
  return (
    <div className={`ev-dist${ownIssues.length ? ' invalid' : ''}`} data-testid={testId}>
      <div className="ev-dist-head">
        <span className="ev-dist-label">
          {label} <span className="unit">{unit}</span>
        </span>
        <select
          aria-label={`${label}: distribution`}
          data-testid={`${testId}-kind`}
          value={kind}
          onChange={(e) => shown && write(convertDistribution((current ?? shown) as Distribution, e.target.value as DistributionKind) as unknown as Record<string, unknown>)}
        >
          {DISTRIBUTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </div>
      <div className="ev-dist-fields">
        {DISTRIBUTION_FIELDS[kind].map((f) => {
          const fieldPath = `${path}.${f.key}`;
          const value = current?.[f.key];
          const issue = issuesUnder(issues, fieldPath).join('; ') || undefined;
          return (
            <label key={f.key} className={f.list ? 'wide' : undefined}>
              <span>{f.label}</span>
              {f.list ? (
                <CellInput
                  kind="text"
                  label={`${label} ${f.label}`}
                  value={Array.isArray(value) ? value.join(', ') : ''}
                  placeholder={f.optional ? 'equal' : '40, 60, 75'}
                  issue={issue}
                  testId={`${testId}-${f.key}`}
                  onCommit={(text) => write({ ...current, [f.key]: parseNumberList(String(text)) })}
                />
              ) : (
                <CellInput
                  kind={f.optional ? 'optionalNumber' : 'number'}
                  label={`${label} ${f.label}`}
                  value={value}
                  placeholder={f.optional ? 'none' : undefined}
                  issue={issue}
                  testId={`${testId}-${f.key}`}
                  onCommit={(v) => write({ ...current, [f.key]: v })}
                />
              )}
            </label>
          );
        })}
      </div>
      {ownIssues.length > 0 && (
        <div className="form-issue" role="alert">
          {ownIssues.map((m) => (
            <div key={m}>{m}</div>
          ))}
        </div>
      )}
      {preview && <QuantityHistogram preview={preview} testId={testId} />}
      <div className="muted ev-dist-note">
        {describeDistribution(current as Distribution | undefined)}
        {!stored && ' (schema default)'}
      </div>
    </div>
  );
}

function QuantityHistogram({ preview, testId }: { preview: QuantityPreview; testId: string }) {
  const h = preview.histogram;
  const figure = useMemo(() => {
    const x = h.discrete ? h.x.map(fmt) : h.x;
    return {
      data: [
        { type: 'bar' as const, name: 'sampled', x, y: h.observed, marker: { color: SAMPLED }, ...(h.discrete ? {} : { width: h.width * 0.92 }), hovertemplate: '%{x}: %{y} EVs<extra>sampled</extra>' },
        // discrete: a tick on each bar at its expected height; continuous: the expected counts as a curve
        h.discrete
          ? { type: 'scatter' as const, mode: 'markers' as const, name: 'expected', x, y: h.expected, marker: { color: EXPECTED, symbol: 'line-ew-open' as const, size: 34, line: { width: 3, color: EXPECTED } }, hovertemplate: '%{x}: %{y:.1f} expected<extra></extra>' }
          : { type: 'scatter' as const, mode: 'lines+markers' as const, name: 'expected', x, y: h.expected, line: { color: EXPECTED, width: 2, shape: 'spline' as const }, marker: { size: 4 }, hovertemplate: '%{x:.3g}: %{y:.1f} expected<extra></extra>' },
      ],
      layout: {
        margin: { l: 26, r: 4, t: 4, b: 22 },
        bargap: 0.05,
        xaxis: h.discrete ? { type: 'category' as const } : { zeroline: false },
        yaxis: { rangemode: 'tozero' as const, nticks: 4 },
      },
    };
  }, [h]);
  return (
    <>
      <Plot testId={`${testId}-hist`} exportName={`fleet-${preview.key}`} height={96} data={figure.data} layout={figure.layout} />
      <div className="ev-dist-mean muted" data-testid={`${testId}-stats`}>
        sample mean {fmt(h.sampleMean)} · distribution {fmt(h.distributionMean)}
        {h.outside > 0 && ` · ${h.outside} moved by the fleet's limits`}
      </div>
    </>
  );
}
