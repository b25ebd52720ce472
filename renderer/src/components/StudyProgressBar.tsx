/**
 * The progress of a what-if study (a sweep, the portfolio frontier, the EV
 * prior sweep): a bar and `done/total points (n from cache) · n not solved`,
 * then the ETA while it runs or the elapsed time once it ends.
 */
import type { ReactNode } from 'react';
import type { StudyProgress } from '../../../solver/whatif/execute.ts';

export function studyProgressText(p: StudyProgress, running: boolean): string {
  const eta = p.etaMs === null ? '' : ` · ETA ${Math.ceil(p.etaMs / 1000)} s`;
  return `${p.done}/${p.total} points${p.cached ? ` (${p.cached} from cache)` : ''}${p.failed ? ` · ${p.failed} not solved` : ''}${running ? eta : ` · ${(p.elapsedMs / 1000).toFixed(1)} s`}`;
}

export function StudyProgressBar({ progress, running, idle, testId, className = 'progress' }: { progress: StudyProgress | null; running: boolean; idle: ReactNode; testId: string; className?: string }) {
  return (
    <div className={className} aria-busy={running}>
      <div className="progress-bar">
        <div className={`progress-fill${running ? ' running' : ''}`} style={{ width: `${Math.round((progress?.fraction ?? 0) * 100)}%` }} />
      </div>
      <div className="progress-text" data-testid={testId}>
        {progress ? studyProgressText(progress, running) : <span className="muted">{idle}</span>}
      </div>
    </div>
  );
}

/**
 * A study card's Run / Cancel / progress row and the issue line under it
 * (why it cannot run, or what went wrong), with test ids `<prefix>-run`,
 * `-cancel`, `-status` and `-issue`.
 */
export function StudyRunRow(props: {
  prefix: string;
  runLabel: string;
  /** the Run button's tooltip when it can run */
  title: string;
  /** why the study cannot run (disables Run), or null */
  why: string | null;
  error?: string | null;
  running: boolean;
  progress: StudyProgress | null;
  idle: ReactNode;
  onRun: () => void;
  onCancel: () => void;
  /** fields drawn in the row before the buttons */
  children?: ReactNode;
}) {
  const { prefix, why, error, running } = props;
  return (
    <>
      <div className="run-row" style={{ marginTop: 4 }}>
        {props.children}
        <button className="primary" data-testid={`${prefix}-run`} disabled={running || why !== null} title={why ?? props.title} onClick={props.onRun}>
          {props.runLabel}
        </button>
        <button data-testid={`${prefix}-cancel`} disabled={!running} onClick={props.onCancel}>
          ■ Cancel
        </button>
        <StudyProgressBar className="progress whatif-progress" progress={props.progress} running={running} idle={props.idle} testId={`${prefix}-status`} />
      </div>
      {(why || error) && (
        <div className="form-issue" role="alert" data-testid={`${prefix}-issue`}>
          {error ?? why}
        </div>
      )}
    </>
  );
}
