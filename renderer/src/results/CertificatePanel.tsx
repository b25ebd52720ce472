/** The evidence that the power flow converged: mismatch, sweeps, residual history. */
import { useMemo } from 'react';
import type { Data } from 'plotly.js';
import type { PowerflowCertificate } from '../../../solver/contract.ts';
import { Plot } from '../components/Plot.tsx';

export function CertificatePanel({ certificate }: { certificate: PowerflowCertificate }) {
  const data = useMemo<Data[]>(
    () => [
      {
        y: certificate.residualHistory,
        x: certificate.residualHistory.map((_, i) => i + 1),
        type: 'scatter',
        mode: 'lines+markers',
        line: { color: '#3b4a5e', width: 1.2 },
        marker: { size: 4 },
        hovertemplate: 'sweep %{x}<br>ΔV %{y:.2e} p.u.<extra></extra>',
      },
    ],
    [certificate],
  );
  return (
    <div className="certificate" data-testid="certificate">
      <div className="section-head">
        <span>Certificate</span>
      </div>
      <dl className="kv">
        <dt>Max power mismatch</dt>
        <dd>{certificate.maxMismatchKva.toExponential(2)} kVA</dd>
        <dt>Last voltage change</dt>
        <dd>{certificate.lastVoltageChangePu.toExponential(2)} p.u. (tol {certificate.tolerancePu.toExponential(0)})</dd>
        <dt>Sweeps (max over periods)</dt>
        <dd>{certificate.iterations}</dd>
      </dl>
      <Plot
        exportName="residual-history"
        height={110}
        data={data}
        layout={{ yaxis: { type: 'log', title: { text: 'ΔV p.u.' }, exponentformat: 'power', gridcolor: '#eef0f3' }, xaxis: { title: { text: 'sweep' }, dtick: 1 }, margin: { l: 52, r: 10, t: 4, b: 30 } }}
      />
    </div>
  );
}
