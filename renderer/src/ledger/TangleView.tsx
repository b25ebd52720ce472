/**
 * The energy and spectrum tangles drawn growing: time runs left to right, a
 * slider sets "now"; each transaction is a dot joined to the two it
 * approves, green once confirmed, orange while a tip, grey otherwise; the
 * main chain's anchors are the dashed verticals.
 */
import { useState } from 'react';
import type { TangleResult, TangleTx } from '../../../solver/ledger/tangle.ts';

const W = 900, BAND = 170, PAD = 24;

export function TangleView({ tangle, classroom }: { tangle: TangleResult; classroom: boolean }) {
  const duration = tangle.options.duration;
  const [now, setNow] = useState(duration);
  const x = (t: number) => PAD + ((W - 2 * PAD) * t) / duration;
  // a transaction's height in its band: a low-discrepancy spread by index, so the drawing is stable
  const y = (tx: TangleTx) => (tx.tangle === 'energy' ? 0 : BAND + 30) + PAD + (BAND - 2 * PAD) * ((tx.index * 0.6180339887) % 1);
  const byTangle = { energy: tangle.transactions.filter((t) => t.tangle === 'energy'), spectrum: tangle.transactions.filter((t) => t.tangle === 'spectrum') };
  const visible = tangle.transactions.filter((t) => t.t <= now);
  const approved = new Set(visible.flatMap((t) => t.approves.map((a) => `${t.tangle}:${a}`)));
  const stats = (k: 'energy' | 'spectrum') => {
    const v = byTangle[k].filter((t) => t.t <= now);
    return `${v.length} transactions, ${v.filter((t) => t.confirmedAt !== null && t.confirmedAt <= now).length} confirmed, ${v.filter((t) => !approved.has(`${k}:${t.index}`)).length} tips`;
  };
  return (
    <>
      {classroom && (
        <p className="explain">
          Micro-transactions do not wait for a block: each approves two earlier tips, chosen by a random walk that prefers heavy branches. A transaction is confirmed once {tangle.options.confirmWeight} transactions (itself included) rest on it. Every {tangle.options.anchorEvery} time units the main chain anchors each tangle's confirmed set.
        </p>
      )}
      <label className="option tangle-time">
        <span>now t = {now.toFixed(1)}</span>
        <input type="range" min={0} max={duration} step={duration / 200} value={now} data-testid="tangle-time" onChange={(e) => setNow(Number(e.target.value))} />
      </label>
      <svg className="tangle" data-testid="tangle-svg" viewBox={`0 0 ${W} ${2 * BAND + 30}`} width="100%" role="img" aria-label="energy and spectrum tangles">
        <text x={PAD} y={14} className="band-label">
          energy tangle — {stats('energy')}
        </text>
        <text x={PAD} y={BAND + 44} className="band-label">
          spectrum tangle — {stats('spectrum')}
        </text>
        {tangle.anchors
          .filter((a) => a.tangle === 'energy' && a.t <= now)
          .map((a) => (
            <g key={a.height}>
              <line x1={x(a.t)} x2={x(a.t)} y1={18} y2={2 * BAND + 30} className="anchor" />
              <text x={x(a.t) + 3} y={2 * BAND + 26} className="anchor-label">
                anchor {a.height / 2}
              </text>
            </g>
          ))}
        {visible.flatMap((t) =>
          t.approves.map((a, k) => {
            const target = byTangle[t.tangle][a]!;
            return <line key={`${t.id}-${k}`} x1={x(t.t)} y1={y(t)} x2={x(target.t)} y2={y(target)} className="edge" />;
          }),
        )}
        {visible.map((t) => {
          const state = t.confirmedAt !== null && t.confirmedAt <= now ? 'confirmed' : approved.has(`${t.tangle}:${t.index}`) ? 'pending' : 'tip';
          return (
            <circle key={t.id} cx={x(t.t)} cy={y(t)} r={4} className={`node ${state}`} data-state={state}>
              <title>{`${t.tangle} #${t.index} at t = ${t.t.toFixed(2)}; cumulative weight ${t.cumulativeWeight}${t.confirmedAt !== null ? `, confirmed at ${t.confirmedAt.toFixed(2)}` : ''}`}</title>
            </circle>
          );
        })}
      </svg>
      <p className="muted">green: confirmed · orange: tip (nothing approves it yet) · grey: approved, not yet confirmed · dashed: main-chain anchors (Merkle root of the confirmed set, hash-linked)</p>
    </>
  );
}
