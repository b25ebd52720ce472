/**
 * The mg-energy-comm result: cards (social cost with and without the
 * communication network, what the data costs, the certificate's residuals),
 * the communication network in the chosen period — each link drawn as thick
 * as its load, red where its bandwidth binds, labelled load/bandwidth and its
 * bandwidth price — and each pair's trade against the trade with free
 * communication, with the routes its data takes.
 */
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { MgEnergyCommCertificate, MgEnergyCommData } from '../../../solver/jobs/kinds/mgEnergyComm.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { useSession } from '../state/session.ts';
import { Card } from '../components/Card.tsx';
import { hourLabel } from '../opf/opfView.ts';
import { commLayout, linkStatesAt, pairRowsAt } from './energyCommViews.ts';

const W = 520, H = 340;

function CommMap({ d, t }: { d: MgEnergyCommData; t: number }) {
  const spots = commLayout(d, W / 2, H / 2 + 4, 125);
  const at = new Map(spots.map((s) => [s.id, s]));
  const links = linkStatesAt(d, t);
  const widest = Math.max(1, ...d.links.map((l) => l.bandwidthKbps));
  return (
    <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} data-testid="comm-map" role="img" aria-label="communication network: link loads">
      {links.map((l) => {
        const a = at.get(l.from)!, b = at.get(l.to)!;
        // the label beside the line: a spoke from a router is labelled towards its microgrid, on its clockwise side;
        // a line between two microgrids at its middle, on the side away from the centre
        const [p, q] = !a.microgrid && b.microgrid ? [a, b] : !b.microgrid && a.microgrid ? [b, a] : [a, b];
        const len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
        let nx = -(q.y - p.y) / len, ny = (q.x - p.x) / len;
        const along = p.microgrid === q.microgrid ? 0.5 : 0.6;
        const px = p.x + along * (q.x - p.x), py = p.y + along * (q.y - p.y);
        if (p.microgrid === q.microgrid && nx * (px - W / 2) + ny * (py - H / 2) < 0) (nx = -nx), (ny = -ny);
        const side = nx >= 0 ? 'start' : 'end';
        const mx = px + nx * 12, my = py + ny * 12;
        return (
          <g key={l.id} data-testid={`comm-link-${l.id}`} data-binding={l.binding ? 'yes' : 'no'}>
            <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke="#d5d9de" strokeWidth={2 + (14 * l.bandwidthKbps) / widest} strokeLinecap="round" />
            {l.loadKbps > 1e-9 && <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke={l.binding ? '#d62728' : '#1f77b4'} strokeWidth={1 + (14 * l.loadKbps) / widest} strokeLinecap="round" />}
            <text x={mx} y={my} textAnchor={side} fontSize={11} fill="#222" stroke="#fff" strokeWidth={3} paintOrder="stroke">
              {`${l.loadKbps.toFixed(0)}/${l.bandwidthKbps} kbit/s`}
            </text>
            {l.pricePerKbpsH > 1e-9 && (
              <text x={mx} y={my + 13} textAnchor={side} fontSize={10} fill="#d62728" stroke="#fff" strokeWidth={3} paintOrder="stroke">
                {`price ${l.pricePerKbpsH.toFixed(4)}/kbit/s·h`}
              </text>
            )}
          </g>
        );
      })}
      {spots.map((s) => (
        <g key={s.id}>
          {s.microgrid ? <circle cx={s.x} cy={s.y} r={16} fill="#2ca02c" /> : <rect x={s.x - 11} y={s.y - 11} width={22} height={22} rx={3} fill="#7f7f7f" />}
          <text x={s.x} y={s.y + (s.y < H / 2 ? -21 : 30)} textAnchor="middle" fontSize={12} fontWeight={600}>
            {s.id}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function EnergyCommResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  const ok = !!shown && shown.result.job === 'mg-energy-comm' && hasAnswer(shown.result.status) && !!shown.result.data;
  const d = ok ? (shown.result.data as MgEnergyCommData) : null;
  const c = ok ? (shown.result.certificate as MgEnergyCommCertificate | null) : null;
  const period = useSession((s) => s.period);
  if (!d) return null;
  const t = Math.min(period, d.T - 1);
  const rows = pairRowsAt(d, t);
  const binding = linkStatesAt(d, t).filter((l) => l.binding);
  return (
    <div data-testid="energy-comm-result">
      <div className="cards" data-testid="summary">
        <Card label="Social cost" value={d.socialCost.toFixed(2)} sub={`energy ${d.energyCost.toFixed(2)} + data ${d.communicationCost.toFixed(2)}`} />
        <Card label="Free communication" value={d.freeCommunicationCost.toFixed(2)} sub={`the network costs ${(d.socialCost - d.freeCommunicationCost).toFixed(2)} more`} />
        <Card label="Each microgrid gains" value={(d.microgrids[0]?.gain ?? 0).toFixed(2)} sub="Nash bargaining on the joint costs" />
        {c && <Card label="Route check" value={c.routeGap.toExponential(1)} sub={`conservation ${c.conservationResidual.toExponential(1)} kbit/s, every route a cheapest one`} />}
      </div>
      <div className="mg-hour" data-testid="comm-hour">
        <span>Hour</span>
        <input type="range" min={0} max={d.T - 1} value={t} aria-label="hour" onChange={(e) => useSession.getState().set({ period: Number(e.target.value) })} />
        <span className="num">{hourLabel(t, d.dtHours)}</span>
        <span className="muted">{binding.length > 0 ? `bandwidth binds on ${binding.map((l) => l.id).join(', ')}` : 'no bandwidth limit binds'}</span>
      </div>
      <div className="section-head"><span>Communication network: data rate carried against bandwidth</span></div>
      {classroom && (
        <p className="explain">
          Every kW traded needs {d.kbpsPerKw} kbit/s of data between the two microgrids. Blue: a link's load (thickness) inside its bandwidth (grey); red: the bandwidth is used up, and its price is what one more kbit/s
          would save per hour. A trade whose routes are full shrinks below what free communication would allow.
        </p>
      )}
      <div className="comm-row" style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <CommMap d={d} t={t} />
        <table className="data-table" data-testid="comm-routes">
          <thead>
            <tr><th>pair</th><th>trade kW</th><th>free comm.</th><th>routes of its data</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.pair} className={r.shrunk ? 'warn' : undefined}>
                <td>{r.pair}</td><td className="num">{r.tradeKw.toFixed(1)}</td><td className="num">{r.freeTradeKw.toFixed(1)}</td><td>{r.routes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
