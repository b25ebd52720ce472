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
