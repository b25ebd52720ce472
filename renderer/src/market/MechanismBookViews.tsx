/**
 * The single-book views beside the table of metrics: payments per agent and
 * mechanism, the misreport curves (an agent's utility against its reported
 * price under each rule, truthful report marked) and the AGV priors (KDE over
 * the histogram of an agent's bid history). View models in mechanismViews.ts.
 */
import { useMemo, useState } from 'react';
import type { MechanismData } from '../../../solver/contract.ts';
import { Plot } from '../components/Plot.tsx';
import { agentCurves, curveAgents, curveGain, densityMass, misreportFigure, paymentsMatrix, paymentTraces, priorDensities, priorFigure } from './mechanismViews.ts';

const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : Number(x.toFixed(digits)).toString());

export function PaymentsView({ d }: { d: MechanismData }) {
  const p = useMemo(() => paymentsMatrix(d), [d]);
  const [asTable, setAsTable] = useState(false);
  return (
    <section data-testid="mechanism-payments">
      <div className="section-head">
        <span>Payments per agent</span>
        <span className="muted">
          positive: the agent pays; negative: it receives ·{' '}
          <label>
            <input type="checkbox" checked={asTable} onChange={(e) => setAsTable(e.target.checked)} data-testid="payments-as-table" /> table
          </label>
        </span>
      </div>
      {asTable ? (
        <div className="table-scroll" style={{ maxHeight: 360 }}>
          <table className="grid readonly" data-testid="payments-table">
            <thead>
              <tr>
                <th>Agent</th>
                {p.mechanisms.map((m) => (
                  <th key={m}>{m}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.agents.map((a, i) => (
                <tr key={a} data-agent={a}>
                  <td>{a}</td>
                  {p.values[i]!.map((v, j) => (
                    <td key={j} className="num" style={v !== null && v < -1e-12 ? { color: '#2c7a2c' } : undefined}>
                      {fmt(v, 4)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Plot
          testId="mechanism-payments-plot"
          exportName="mechanism-payments"
          height={340}
          data={paymentTraces(d)}
          layout={{
            barmode: 'group',
            xaxis: { title: { text: 'agent' }, type: 'category' },
            yaxis: { title: { text: 'payment (− received)' }, zeroline: true },
            showlegend: true,
            legend: { orientation: 'v', x: 1.02, y: 1 },
            margin: { l: 55, r: 10, t: 10, b: 45 },
          }}
        />
      )}
    </section>
  );
}

export function MisreportView({ d }: { d: MechanismData }) {
  const agents = useMemo(() => curveAgents(d), [d]);
  const [picked, setPicked] = useState<string | null>(null);
  const agent = picked !== null && agents.includes(picked) ? picked : (bestLiar(d) ?? agents[0] ?? null);
  const fig = useMemo(() => (agent ? misreportFigure(d, agent) : null), [d, agent]);
  if (!agent || !fig) return <p className="muted" data-testid="misreport-none">No misreport curves in this result (the search was off, or no mechanism ran it).</p>;
  const curves = agentCurves(d, agent);
  const side = curves[0]?.curve.side;
  return (
    <section data-testid="mechanism-misreport">
      <div className="section-head">
        <span>Misreport curves</span>
        <span className="muted">
          <select aria-label="agent" data-testid="misreport-agent" value={agent} onChange={(e) => setPicked(e.target.value)}>
            {agents.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>{' '}
          its utility against the price it reports, the others truthful (AGV: in expectation over their priors)
        </span>
      </div>
      <Plot
        testId="mechanism-misreport-plot"
        exportName={`mechanism-misreport-${agent}`}
        height={360}
        data={fig.data}
        layout={{
          xaxis: { title: { text: `reported price of ${agent} (${side === 'sell' ? 'seller' : 'buyer'}), currency/kWh` } },
          yaxis: { title: { text: `utility of ${agent}` } },
          shapes: fig.truthful === null ? [] : [{ type: 'line', xref: 'x', yref: 'paper', x0: fig.truthful, x1: fig.truthful, y0: 0, y1: 1, line: { color: '#333', dash: 'dot', width: 1 } }],
          annotations: fig.truthful === null ? [] : [{ x: fig.truthful, y: 1, xref: 'x', yref: 'paper', text: `truthful ${fmt(fig.truthful)}`, showarrow: false, yanchor: 'bottom', font: { size: 10 } }],
          showlegend: true,
          legend: { orientation: 'v', x: 1.02, y: 1 },
          margin: { l: 55, r: 10, t: 18, b: 45 },
        }}
      />
      <p className="muted" data-testid="misreport-gains">
        Gain over the truthful report on this curve:{' '}
        {curves.map(({ mechanism, curve }) => `${mechanism} ${fmt(curveGain(curve), 4)}`).join(' · ')}. Open circles: the truthful report. A curve above its circle somewhere means {agent} gains by lying under that rule.
      </p>
    </section>
  );
}

/** The agent the table names as the most profitable liar (over every rule), if it has a curve. */
function bestLiar(d: MechanismData): string | null {
  let best: { agent: string; gain: number } | null = null;
  for (const m of d.mechanisms) if (m.status === 'ok' && m.misreport?.agent && m.misreport.maxGain > 1e-9 && (!best || m.misreport.maxGain > best.gain)) best = { agent: m.misreport.agent, gain: m.misreport.maxGain };
  return best && curveAgents(d).includes(best.agent) ? best.agent : null;
}

export function PriorsView({ d }: { d: MechanismData }) {
  const priors = priorDensities(d);
  const [picked, setPicked] = useState<string | null>(null);
  const prior = priors.find((p) => p.agent === picked) ?? priors[0];
  const data = useMemo(() => (prior ? priorFigure(prior) : []), [prior]);
  if (!prior)
    return (
      <p className="muted" data-testid="priors-none">
        No KDE priors in this result: AGV did not run, or no agent has a bid history{d.priors.uniform.length ? ` (uniform priors on [${fmt(d.priors.support[0])}, ${fmt(d.priors.support[1])}] for ${d.priors.uniform.length} agents)` : ''}.
      </p>
    );
  return (
    <section data-testid="mechanism-priors">
      <div className="section-head">
        <span>AGV prior against the bid history</span>
        <span className="muted">
          <select aria-label="prior agent" data-testid="prior-agent" value={prior.agent} onChange={(e) => setPicked(e.target.value)}>
            {priors.map((p) => (
              <option key={p.agent} value={p.agent}>
                {p.agent}
              </option>
            ))}
          </select>{' '}
          Gaussian KDE (Silverman's bandwidth, reflected at the support's bounds)
        </span>
      </div>
      <Plot
        testId="mechanism-prior-plot"
        exportName={`mechanism-prior-${prior.agent}`}
        height={320}
        data={data}
        layout={{
          bargap: 0,
          xaxis: { title: { text: 'price, currency/kWh' }, range: [prior.grid[0], prior.grid[prior.grid.length - 1]] },
          yaxis: { title: { text: 'density' }, rangemode: 'tozero' },
          showlegend: true,
          legend: { orientation: 'h', x: 0, y: 1.12 },
          margin: { l: 55, r: 10, t: 24, b: 45 },
        }}
      />
      <p className="muted" data-testid="prior-mass">
        {prior.history.length} past bids; support [{fmt(prior.grid[0])}, {fmt(prior.grid[prior.grid.length - 1])}]; ∫ density ≈ {fmt(densityMass(prior), 4)} (trapezoid on the drawn grid).
        {d.priors.uniform.length > 0 && ` Uniform priors (no history): ${d.priors.uniform.join(', ')}.`}
      </p>
    </section>
  );
}
