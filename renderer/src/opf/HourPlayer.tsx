/**
 * What colours the map and when: the quantity (voltage, DLMP, carbon
 * intensity), the hour (a slider over the horizon) and a play button that
 * steps through the day.
 */
import { useEffect } from 'react';
import { useSession } from '../state/session.ts';
import { OPF_MAP_LAYERS, hourLabel, useOpfView, type OpfMapLayer } from './opfView.ts';

const STEP_MS = 700;

export function HourPlayer({ T, dtHours }: { T: number; dtHours: number }) {
  const t = Math.min(useSession((s) => s.period), T - 1);
  const { layer, playing } = useOpfView();
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => useSession.setState((s) => ({ period: (Math.min(s.period, T - 1) + 1) % T })), STEP_MS);
    return () => clearInterval(timer);
  }, [playing, T]);
  // stop when the view goes away, so a hidden timer never moves the hour
  useEffect(() => () => useOpfView.setState({ playing: false }), []);
  return (
    <div className="hour-player" data-testid="hour-player">
      <label className="option">
        <span>Map</span>
        <select value={layer} aria-label="map colouring" data-testid="map-layer" onChange={(e) => useOpfView.setState({ layer: e.target.value as OpfMapLayer })}>
          {OPF_MAP_LAYERS.map((l) => (
            <option key={l.id} value={l.id}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      <button className="small-button" data-testid="play-hours" aria-pressed={playing} onClick={() => useOpfView.setState({ playing: !playing })} title={playing ? 'Pause' : 'Play through the day'}>
        {playing ? '❚❚' : '▶'}
      </button>
      <input type="range" min={0} max={T - 1} value={t} aria-label="hour" data-testid="hour-slider" onChange={(e) => useSession.getState().set({ period: Number(e.target.value) })} />
      <span className="num" data-testid="hour-label">
        {hourLabel(t, dtHours)}
      </span>
    </div>
  );
}
