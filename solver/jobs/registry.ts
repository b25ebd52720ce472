/** Every job kind's solver. A new kind's contract is its module in kinds/ (one line in kindRegistry.ts); its solver is one line here, which the type below demands. */
import type { JobKind } from '../contract.ts';
import type { JobDefinition } from './types.ts';
import { powerflowJob } from '../network/powerflowJob.ts';
import { opfJob } from '../opf/opfJob.ts';
import { vppGameJob } from '../vpp/vppGameJob.ts';
import { portfolioJob } from '../portfolio/portfolioJob.ts';
import { portfolioEvaluateJob } from '../portfolio/evaluateJob.ts';
import { kdaJob } from '../auction/kdaJob.ts';
import { evBayesianJob } from '../ev/evBayesianJob.ts';
import { mechanismJob } from '../market/mechanismJob.ts';
import { consensusJob } from '../ledger/consensusJob.ts';
import { ledgerJob } from '../ledger/ledgerJob.ts';
import { trafficJob } from '../transport/trafficJob.ts';
import { evcsMarketJob } from '../evcs/evcsJob.ts';
import { mgBargainingJob } from '../microgrid/bargainingJob.ts';
import { dualAscentJob } from '../microgrid/dualAscent.ts';
import { mgEnergyCommJob } from '../microgrid/energyCommJob.ts';
import { forecastJob } from '../forecast/forecastJob.ts';
import { trainJob } from '../learn/trainJob.ts';
import { adnOperatorJob } from '../learn/operatorJob.ts';
import { dlmpLearnJob } from '../learn/dlmpLearnJob.ts';
import { communityDesignJob } from '../learn/communityDesign/job.ts';
import { dsoFeesJob, dsoFeesEvaluateJob } from '../dsoFees/job.ts';

export const jobDefinitions: { [K in JobKind]: JobDefinition<K> } = {
  powerflow: powerflowJob,
  opf: opfJob,
  'vpp-game': vppGameJob,
  portfolio: portfolioJob,
  'portfolio-evaluate': portfolioEvaluateJob,
  kda: kdaJob,
  'ev-bayesian': evBayesianJob,
  mechanism: mechanismJob,
  ledger: ledgerJob,
  consensus: consensusJob,
  traffic: trafficJob,
  'evcs-market': evcsMarketJob,
  'mg-bargaining': mgBargainingJob,
  'dual-ascent': dualAscentJob,
  'mg-energy-comm': mgEnergyCommJob,
  forecast: forecastJob,
  train: trainJob,
  'adn-operator': adnOperatorJob,
  'dlmp-learn': dlmpLearnJob,
  'community-design': communityDesignJob,
  'dso-fees': dsoFeesJob,
  'dso-fees-evaluate': dsoFeesEvaluateJob,
};
