/** Which two VPPs and which hour the best-response picture shows; changing them re-solves (cached per choice). */
import type { VppGameData } from '../../../solver/contract.ts';
import { setJobOption, useSession } from '../state/session.ts';
import { runCurrentJob } from '../actions/runActions.ts';
import type { BestResponseCurves } from './bestResponseFigure.ts';
import { hourLabel } from './format.ts';

export function CurveChooser({ data, curves }: { data: VppGameData; curves: BestResponseCurves }) {
  const running = useSession((s) => s.job.running);
  const choose = (vpps: [string, string], period: number) => {
    if (vpps[0] === vpps[1]) return;
    setJobOption('curveVpps', vpps);
    setJobOption('curvePeriod', period);
    void runCurrentJob();
  };
  const vppSelect = (which: 0 | 1) => (
    <select
      value={curves.vpps[which]}
      disabled={running}
      aria-label={which === 0 ? 'VPP on the horizontal axis' : 'VPP on the vertical axis'}
      onChange={(e) => choose(which === 0 ? [e.target.value, curves.vpps[1]] : [curves.vpps[0], e.target.value], curves.period)}
    >
      {data.equilibrium.map((v) => (
        <option key={v.id} value={v.id} disabled={v.id === curves.vpps[1 - which]}>
          {v.name || v.id}
        </option>
      ))}
    </select>
  );
  return (
    <div className="curve-chooser">
      {vppSelect(0)}
      <span>against</span>
      {vppSelect(1)}
      <span>in</span>
      <select value={curves.period} disabled={running} aria-label="hour of the best-response curves" onChange={(e) => choose(curves.vpps, Number(e.target.value))}>
        {data.price.map((_, t) => (
          <option key={t} value={t}>
            {hourLabel(t, data.dtHours)}
            {data.volumeKw[t]! > 1e-6 ? '' : ' (no P2P sales)'}
          </option>
        ))}
      </select>
      {running && <span className="muted">solving…</span>}
    </div>
  );
}
