/**
 * The community-design job (ET-ANN): every design choice's community
 * welfare as bars (the exhaustive oracle's best and the learned pick
 * marked), the households on the feeder coloured by their community under
 * the best design (x: electrical distance from the substation), the
 * communities' bills and self-sufficiency, and how the chooser did on its
 * training and held-out populations against the best fixed choice.
 */
import type { Data } from 'plotly.js';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { CommunityDesignCertificate, CommunityDesignData } from '../../../solver/jobs/kinds/communityDesign.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { Card } from '../components/Card.tsx';
import { Plot } from '../components/Plot.tsx';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)} %`);
const money = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(2));
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];

const SHORT: Record<string, string> = { louvain: 'Louvain', kmeans: 'k-means', electrical: 'elec.', correlation: 'corr.', 'uniform-price': 'UP', bilateral: 'bil.', none: 'retailer' };
/** A bar's label that fits a narrow panel: "2 k-means/elec. · UP | UP" (inside | between). */
export function shortLabel(c: CommunityDesignData['choices'][number]): string {
  return c.k === 1 ? `1 community · ${SHORT[c.inside]}` : `${c.k} ${SHORT[c.method]}/${SHORT[c.basis]} · ${SHORT[c.inside]} | ${SHORT[c.between]}`;
}

/** Bars of welfare per choice, best first; the oracle's best green, the learned pick orange. */
export function choiceBars(d: CommunityDesignData): Data[] {
  const order = d.choices.map((_, i) => i).sort((a, b) => d.choices[b]!.welfare - d.choices[a]!.welfare);
  const color = (i: number) => (i === d.best ? '#2ca02c' : i === d.picked ? '#ff7f0e' : '#9fb7d0');
  return [{
    type: 'bar', orientation: 'h', y: order.map((i) => shortLabel(d.choices[i]!)), x: order.map((i) => d.choices[i]!.welfare),
    text: order.map((i) => d.choices[i]!.label), marker: { color: order.map(color) }, name: 'welfare', hovertemplate: '%{text}: %{x:.3f}<extra></extra>', textposition: 'none',
  }];
}

/** Feeder lines and households, x = electrical distance from the substation, y = bus. */
export function feederTraces(d: CommunityDesignData): Data[] {
  const f = d.feeder, dist = f.parent.map(() => 0);
  for (let b = 1; b < f.parent.length; b++) dist[b] = dist[f.parent[b]!]! + f.impedance[b]!;
  const lx: (number | null)[] = [], ly: (number | null)[] = [];
  for (let b = 1; b < f.parent.length; b++) lx.push(dist[f.parent[b]!]!, dist[b]!, null), ly.push(f.parent[b]!, b, null);
  const perBus = new Map<number, number>();
  const offset = d.households.map((h) => { const k = perBus.get(h.bus) ?? 0; perBus.set(h.bus, k + 1); return k; });
  const communities = Math.max(...d.bestPartition) + 1;
  return [
    { type: 'scatter', mode: 'lines', x: lx, y: ly, line: { color: '#aaa', width: 2 }, name: 'feeder', hoverinfo: 'skip' },
    { type: 'scatter', mode: 'markers', x: [0], y: [0], marker: { symbol: 'square', size: 12, color: '#333' }, name: 'substation' },
    ...Array.from({ length: communities }, (_, c): Data => {
      const idx = d.households.map((_, i) => i).filter((i) => d.bestPartition[i] === c);
      return {
        type: 'scatter', mode: 'markers', name: `community ${c + 1}`,
        x: idx.map((i) => dist[d.households[i]!.bus]! + 0.006 * offset[i]!), y: idx.map((i) => d.households[i]!.bus + 0.18 * offset[i]!),
        text: idx.map((i) => `${d.households[i]!.id}${d.households[i]!.pvScale > 0 ? ' (PV)' : ''}`),
        marker: { size: 11, color: PALETTE[c % PALETTE.length], symbol: idx.map((i) => (d.households[i]!.pvScale > 0 ? 'star' : 'circle')) },
        hovertemplate: '%{text}, bus %{y:.0f}<extra></extra>',
      };
    }),
  ];
}

export function CommunityDesignResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  const d = shown?.result.data as CommunityDesignData | undefined;
  if (!shown || shown.result.job !== 'community-design' || !hasAnswer(shown.result.status) || !d) return null;
  const c = shown.result.certificate as CommunityDesignCertificate | null;
  const best = d.choices[d.best]!, pick = d.choices[d.picked]!, fixed = d.choices[d.fixedChoice]!;
  const splits = [{ name: 'training', s: d.train }, ...(d.heldOut ? [{ name: 'held out', s: d.heldOut }] : [])];
  return (
    <div data-testid="community-design-result">
      <div className="cards" data-testid="community-design-summary">
        <Card label="Oracle's best design" value={money(best.welfare)} sub={best.label} />
        <Card label="Learned pick" value={money(pick.welfare)} sub={pick.label} />
        <Card label="Regret" value={money(d.regret)} sub={d.regret <= 1e-9 ? 'the pick is optimal' : 'welfare lost against the oracle'} warn={d.regret > 1e-9} />
        <Card label="Held-out chooser" value={d.heldOut ? pct(d.heldOut.accuracy) : '—'} sub={d.heldOut ? `accuracy; regret ${money(d.heldOut.meanRegret)} vs ${money(d.heldOut.fixedMeanRegret)} for the best fixed choice` : 'no held-out populations'} />
        <Card label="Certificate" value={shown.result.status === 'ok' ? 'holds' : 'fails'} sub={c ? `${c.choices} choices, partitions ${c.partitionsValid ? 'valid' : 'invalid'}, accounting ${c.accountingResidual.toExponential(0)}` : ''} warn={shown.result.status !== 'ok'} />
      </div>
      {classroom && (
        <p className="explain">
          Households can trade in one big community or in several small ones. Trading over a long stretch of cable costs a network charge, and every community costs a platform fee. The bars show what the community as a whole saves with each design; green is the best one the exhaustive search found, orange is what the small neural network picked from a few numbers describing the population.
        </p>
      )}
      <div>
        <div>
          <div className="section-head"><span>Community welfare of every design choice</span><span className="muted">green: oracle, orange: learned pick; k method/basis · inside | between (UP: uniform price)</span></div>
          <Plot data={choiceBars(d)} layout={{ margin: { t: 10, r: 10, b: 40, l: 190 }, xaxis: { title: { text: 'welfare (saving − platform fees)' } }, yaxis: { autorange: 'reversed', tickfont: { size: 10 } }, showlegend: false }} exportName="design-choices" height={Math.max(300, 13 * d.choices.length + 60)} testId="community-design-bars" />
        </div>
        <div>
          <div className="section-head"><span>Communities on the feeder (best design)</span><span className="muted">★ with PV</span></div>
          <Plot data={feederTraces(d)} layout={{ margin: { t: 40, r: 10, b: 40, l: 45 }, xaxis: { title: { text: 'electrical distance from the substation (Ω)' } }, yaxis: { title: { text: 'bus' } }, showlegend: true, legend: { orientation: 'h' as const, y: 1.02, yanchor: 'bottom' as const, x: 0 } }} exportName="design-feeder" height={340} testId="community-design-feeder" />
          <div className="section-head"><span>Communities of the best design</span></div>
          <div className="table-scroll" style={{ maxHeight: 'none' }}>
          <table className="grid readonly" data-testid="community-design-communities">
            <thead><tr><th>#</th><th>Households</th><th>Saving</th><th>Inside kWh</th><th>Bought / sold</th><th>Self-suff.</th></tr></thead>
            <tbody>
              {d.bestCommunities.map((o, i) => (
                <tr key={i}><td>{i + 1}</td><td>{o.households}</td><td>{money(o.fallbackBills - o.bills)}</td><td>{o.inside.toFixed(1)}</td><td>{`${o.bought.toFixed(1)} / ${o.sold.toFixed(1)}`}</td><td>{pct(o.selfSufficiency)}</td></tr>
              ))}
            </tbody>
          </table>
          </div>
          <div className="section-head"><span>Chooser against the exhaustive oracle</span><span className="muted">fixed choice: {fixed.label}</span></div>
          <div className="table-scroll" style={{ maxHeight: 'none' }}>
          <table className="grid readonly" data-testid="community-design-chooser">
            <thead><tr><th>Populations</th><th>n</th><th>Accuracy</th><th>Mean regret</th><th>Max regret</th><th>Fixed choice</th></tr></thead>
            <tbody>
              {splits.map(({ name, s }) => (
                <tr key={name}><td>{name}</td><td>{s.populations}</td><td>{pct(s.accuracy)}</td><td>{money(s.meanRegret)}</td><td>{money(s.maxRegret)}</td><td>{money(s.fixedMeanRegret)}</td></tr>
              ))}
            </tbody>
          </table>
          </div>
        </div>
      </div>
    </div>
  );
}
