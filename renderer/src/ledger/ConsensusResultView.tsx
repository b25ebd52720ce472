/**
 * The `consensus` job's result: the verdicts (safety, liveness), messages
 * and latency per block, and the message timeline as a sequence diagram —
 * one lifeline per validator, time downwards, an arrow per message coloured
 * by phase, faulty validators' lifelines in red — over a window the slider
 * moves.
 */
import { useState } from 'react';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { ConsensusData } from '../../../solver/jobs/kinds/consensus.ts';
import type { MessageType } from '../../../solver/ledger/pbft.ts';
import { useShownResult } from '../results/useShownResult.ts';
import { Card } from '../components/Card.tsx';
import './ledger.css';

export const PHASE_COLOURS: Record<MessageType, string> = { 'pre-prepare': '#1f77b4', prepare: '#2ca02c', commit: '#9467bd', 'view-change': '#d62728', 'new-view': '#ff7f0e', 'state-transfer': '#8c564b' };
const MAX_LIFELINES = 16;
const fmt = (x: number | null, d = 2) => (x === null ? '—' : Number(x.toFixed(d)).toString());

export function ConsensusResultView({ classroom }: { classroom: boolean }) {
  const shown = useShownResult();
  if (!shown || shown.result.job !== 'consensus' || !hasAnswer(shown.result.status) || !shown.result.data) return null;
  const d = shown.result.data as ConsensusData;
  const decided = d.blocks.filter((b) => b.committedAt !== null).length;
  const latency = d.blocks.map((b) => b.latencyRounds).filter((x): x is number => x !== null);
  return (
    <>
      <div className="cards" data-testid="consensus-summary">
        <Card label="Safety" value={d.safety.holds ? 'holds' : 'violated'} sub={d.safety.holds ? 'no two honest validators disagree' : `height ${d.safety.conflicts[0]!.seq}: ${d.safety.conflicts[0]!.digests.map((g) => `{${g.validators.join(',')}} ${g.digest.slice(0, 6)}`).join(' vs ')}`} warn={!d.safety.holds} />
        <Card label="Liveness" value={d.liveness.holds ? 'holds' : 'violated'} sub={`${decided} of ${d.blocks.length} blocks committed by all honest`} warn={!d.liveness.holds} />
        <Card label="Validators" value={`${d.n}`} sub={`f = ${d.f}; faulty ${d.faulty.length ? `${d.faulty.join(', ')} (${d.behaviour})` : 'none'}`} warn={d.faulty.length > d.f} />
        <Card label="Messages / block" value={fmt(d.messagesPerBlock, 1)} sub={`${d.messages} in all; final view ${d.finalView}`} />
        <Card label="Latency" value={latency.length ? `${fmt(latency.reduce((a, b) => a + b, 0) / latency.length)} rounds` : '—'} sub="mean per committed block" />
      </div>
      {classroom && (
        <p className="explain">
          PBFT with n = 3f + 1 validators survives f faulty ones: the primary proposes (pre-prepare), everyone echoes (prepare) and confirms (commit); 2f + 1 matching messages make a quorum, and any two quorums share an honest validator. A faulty primary is replaced by a view change. Raise “Faulty validators” above f = {d.f} and watch safety or liveness break.
        </p>
      )}
      <Timeline key={shown.hash} d={d} />
      <div className="table-scroll" style={{ maxHeight: 'none' }}>
        <table className="grid readonly" data-testid="consensus-blocks">
          <thead>
            <tr>
              <th>Height</th>
              <th>Digest</th>
              <th>Committed by</th>
              <th>View</th>
              <th>Latency, rounds</th>
              <th>Messages</th>
            </tr>
          </thead>
          <tbody>
            {d.blocks.map((b) => (
              <tr key={b.seq}>
                <td>{b.seq}</td>
                <td>
                  <code>{b.digest ? b.digest.slice(0, 10) : '—'}</code>
                </td>
                <td className="num">{b.committedBy}</td>
                <td className="num">{b.view ?? '—'}</td>
                <td className="num">{fmt(b.latencyRounds)}</td>
                <td className="num">{b.messages || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Timeline({ d }: { d: ConsensusData }) {
  const end = d.timeline.length ? Math.max(...d.timeline.map((m) => m.received)) : 1;
  const [from, setFrom] = useState(0);
  const span = Math.min(8, end);
  const lifelines = Math.min(d.n, MAX_LIFELINES);
  const W = 820, H = 460, top = 36, left = 50;
  const colX = (i: number) => left + ((W - left - 20) * (i + 0.5)) / lifelines;
  const rowY = (t: number) => top + ((H - top - 10) * (t - from)) / span;
  const shown = d.timeline.filter((m) => m.from < lifelines && m.to < lifelines && m.received >= from && m.sent <= from + span);
  return (
    <div className="timeline">
      <div className="section-head">
        <span>Message timeline (sequence diagram)</span>
        <span className="muted">
          {lifelines < d.n ? `validators 0–${lifelines - 1} of ${d.n}; ` : ''}
          {d.timeline.length} of {d.messages} messages recorded
        </span>
      </div>
      <label className="option">
        <span>
          from t = {from.toFixed(1)} to {(from + span).toFixed(1)} (time units)
        </span>
        <input type="range" min={0} max={Math.max(0, end - span)} step={0.1} value={from} data-testid="timeline-from" onChange={(e) => setFrom(Number(e.target.value))} />
      </label>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" className="sequence" data-testid="consensus-timeline" role="img" aria-label="PBFT message sequence diagram">
        <defs>
          {Object.entries(PHASE_COLOURS).map(([type, colour]) => (
            <marker key={type} id={`arrow-${type}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill={colour} />
            </marker>
          ))}
        </defs>
        {Array.from({ length: lifelines }, (_, i) => {
          const bad = d.faulty.includes(i);
          return (
            <g key={i} data-validator={i} data-faulty={bad ? 'yes' : 'no'}>
              <text x={colX(i)} y={14} textAnchor="middle" className={bad ? 'lifeline-label faulty' : 'lifeline-label'}>
                {i === 0 ? 'v0 (primary)' : `v${i}`}
              </text>
              {bad && (
                <text x={colX(i)} y={28} textAnchor="middle" className="lifeline-label faulty">
                  faulty: {d.behaviour}
                </text>
              )}
              <line x1={colX(i)} x2={colX(i)} y1={top} y2={H} className={bad ? 'lifeline faulty' : 'lifeline'} />
            </g>
          );
        })}
        {shown.map((m, k) => (
          <line
            key={k}
            x1={colX(m.from)}
            y1={rowY(m.sent)}
            x2={colX(m.to)}
            y2={rowY(m.received)}
            stroke={PHASE_COLOURS[m.type]}
            strokeWidth={m.faulty ? 1.6 : 1}
            strokeDasharray={m.faulty ? '4 3' : undefined}
            markerEnd={`url(#arrow-${m.type})`}
            opacity={0.8}
          >
            <title>{`${m.type} v${m.view} s${m.seq} ${m.digest} from v${m.from} to v${m.to}: sent ${m.sent.toFixed(2)}, received ${m.received.toFixed(2)}${m.faulty ? ' (faulty sender)' : ''}`}</title>
          </line>
        ))}
      </svg>
      <div className="legend">
        {Object.entries(PHASE_COLOURS).map(([type, colour]) => (
          <span key={type}>
            <span className="swatch" style={{ background: colour }} /> {type}
          </span>
        ))}
        <span>dashed: sent by a faulty validator</span>
      </div>
    </div>
  );
}
