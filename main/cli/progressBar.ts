/** The progress bar `ggs solve` draws on stderr, only when stderr is a terminal (never in pipes or logs). */
import cliProgress from 'cli-progress';
import type { JobProgress } from '../../solver/contract.ts';

export interface ProgressView {
  update(progress: JobProgress): void;
  stop(): void;
}

const silent: ProgressView = { update() {}, stop() {} };

export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressView {
  if (!stream.isTTY) return silent;
  const bar = new cliProgress.SingleBar(
    { stream, format: '{bar} {percentage}% | {stage}', hideCursor: true, clearOnComplete: true, barsize: 30 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { stage: 'starting' });
  return {
    update: (p) => bar.update(Math.round(p.fraction * 100), { stage: p.stage }),
    stop: () => bar.stop(),
  };
}
