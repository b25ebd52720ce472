/** The result view of the Bayesian jobs, chosen by result.job. */
import type { JobKind } from '../../../solver/contract.ts';
import { KdaResultView } from './KdaResultView.tsx';
import { EvBayesianResultView } from './EvBayesianResultView.tsx';

export const isBayesJob = (job: JobKind): job is 'kda' | 'ev-bayesian' => job === 'kda' || job === 'ev-bayesian';

export function BayesResultView({ job, classroom }: { job: 'kda' | 'ev-bayesian'; classroom: boolean }) {
  return job === 'kda' ? <KdaResultView classroom={classroom} /> : <EvBayesianResultView classroom={classroom} />;
}
