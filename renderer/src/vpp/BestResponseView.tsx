/**
 * The picture a teacher projects: two VPPs' best-response curves in one hour,
 * the Gauss–Seidel staircase climbing to where they cross, step by step or
 * animated. "Present" fills the window with it.
 */
import { useEffect, useMemo, useState } from 'react';
import type { VppGameData } from '../../../solver/contract.ts';
import { Plot } from '../components/Plot.tsx';
import { bestResponseFigure, responseStep, type BestResponseCurves } from './bestResponseFigure.ts';
import { useIterationPlayer } from './useIterationPlayer.ts';
import { CurveChooser } from './CurveChooser.tsx';
import { fmtKw, hourLabel } from './format.ts';

export interface BestResponseViewProps {
  data: VppGameData;
  curves: BestResponseCurves;
  colours: Map<string, string>;
  resultKey: string;
  classroom: boolean;
}

export function BestResponseView({ data, curves, colours, resultKey, classroom }: BestResponseViewProps) {
  const [presenting, setPresenting] = useState(false);
  const player = useIterationPlayer(curves.path.length - 1, resultKey);
  useEffect(() => {
    if (!presenting) return;
    const leave = (e: KeyboardEvent) => e.key === 'Escape' && setPresenting(false);
    window.addEventListener('keydown', leave);
    return () => window.removeEventListener('keydown', leave);
  }, [presenting]);
  const names = useMemo<[string, string]>(() => {
    const nameOf = (id: string) => data.equilibrium.find((v) => v.id === id)?.name || id;
    return [nameOf(curves.vpps[0]), nameOf(curves.vpps[1])];
  }, [data, curves]);
  const large = presenting || classroom;
  const figure = useMemo(
    () => bestResponseFigure({ curves, names, colours: [colours.get(curves.vpps[0]) ?? '#4e79a7', colours.get(curves.vpps[1]) ?? '#f28e2b'], step: player.step, large }),
    [curves, names, colours, player.step, large],
  );
  const step = responseStep(curves.path, player.step);
  const residual = step.sweep > 0 ? data.iterations[step.sweep - 1]?.residual : undefined;
  return (
    <section className={`best-response${presenting ? ' presenting' : ''}`} data-testid="best-response">
      <div className="section-head">
        <span>
          Best responses · {hourLabel(curves.period, data.dtHours)}
        </span>
        <button className="small-button" onClick={() => setPresenting(!presenting)} title="Fill the window with this plot (Escape leaves)" data-testid="present-button">
          {presenting ? '✕ Close' : '⤢ Present'}
        </button>
      </div>
      <CurveChooser data={data} curves={curves} />
      {large && (
        <p className="explain">
          Each curve says how much one VPP sells given what the other sells: the more the other sells, the lower the price, so the less it pays to sell. Starting from nothing, the VPPs take turns answering each other (the arrows).
          They stop where the curves cross: neither can gain by changing alone — the Nash equilibrium (★).
        </p>
      )}
      <Plot data={figure.data} layout={figure.layout} exportName={`best-response-${curves.vpps.join('-')}-h${curves.period}`} height={presenting ? Math.max(420, window.innerHeight - 300) : large ? 560 : 440} testId="best-response-plot" />
      <div className="player">
        <button onClick={() => player.go(0)} disabled={player.step === 0} title="First step" aria-label="first step">
          « First
        </button>
        <button onClick={player.prev} disabled={player.step === 0} title="Previous best response" aria-label="previous step" data-testid="step-prev">
          ◀ Prev
        </button>
        <button className="primary" onClick={player.toggle} data-testid="step-play">
          {player.playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button onClick={player.next} disabled={player.step === player.last} title="Next best response" aria-label="next step" data-testid="step-next">
          Next ▶
        </button>
        <button onClick={() => player.go(player.last)} disabled={player.step === player.last} title="Last step (the equilibrium)" aria-label="last step">
          Last »
        </button>
        <input type="range" min={0} max={player.last} value={player.step} aria-label="iteration step" onChange={(e) => player.go(Number(e.target.value))} />
      </div>
      <div className="step-text" data-testid="step-text" aria-live="polite">
        {step.mover === null ? (
          <>Step 0 of {player.last}: neither VPP sells yet.</>
        ) : (
          <>
            Step {step.k} of {player.last} · sweep {step.sweep}: <b style={{ color: colours.get(curves.vpps[step.mover]) }}>{names[step.mover]}</b> answers with{' '}
            {fmtKw(step.mover === 0 ? step.point.a : step.point.b)} (moved {fmtKw(step.moveKw)})
            {residual !== undefined && <span className="muted"> · sweep residual {residual < 1e-3 ? residual.toExponential(1) : residual.toFixed(3)} kW</span>}
          </>
        )}
      </div>
    </section>
  );
}
