/**
 * A solved run settled into a ledger: runs the job (the mechanism lab's rule
 * once per period of its book, in this thread, with the misreport search off
 * — only the clearing is settled; the games through runJob), turns its data into market rounds with the model's adapter
 * (adapters.ts) and signs them (settle.ts). Pure like the rest of solver/:
 * the CLI (`ggs ledger settle`) and the app call it alike.
 */
import type { ScenarioInput, Scenario } from '../scenario/schema.ts';
import type { JobResult } from '../jobs/core.ts';
import { runJob } from '../jobs/run.ts';
import { contentHash } from '../hash.ts';
import { VERSION } from '../version.ts';
import type { MechanismId } from '../market/mechanismIds.ts';
import { evGameRounds, evcsMarketRounds, mgBargainingRounds, vppGameRounds } from './adapters.ts';
import { drain, mechanismRounds } from './rounds.ts';
import { settleLedger, type MarketRound } from './settle.ts';
import type { LedgerFile } from './format.ts';
import { SettleError } from './errors.ts';
import type { Behaviour } from './pbft.ts';

export { SettleError };

export const SETTLE_JOBS = ['mechanism', 'vpp-game', 'ev-bayesian', 'mg-bargaining', 'evcs-market'] as const;
export type SettleJob = (typeof SETTLE_JOBS)[number];

export interface SettleRunOptions {
  job: SettleJob;
  /** mechanism job: the rule whose trades are settled */
  mechanism?: MechanismId;
  /** mechanism job: its k (uniform-price and bilateral rules) */
  k?: number;
  keySeed?: string;
  neutral?: { nodes: number; threshold: number };
  f?: number;
  /** the job's seed (also the PBFT run's) */
  seed?: number;
  /** byzantine validators during settlement (settle.ts `consensus`) */
  faulty?: number;
  behaviour?: Behaviour;
}


async function solved<K extends SettleJob>(request: Parameters<typeof runJob<K>>[0]): Promise<JobResult<K>> {
  const result = await runJob(request);
  if (result.status !== 'ok' || !result.data) throw new SettleError(`the ${request.kind} job did not solve: ${result.error?.message ?? result.message}`);
  return result;
}

async function roundsOf(document: ScenarioInput, scenario: Scenario, options: SettleRunOptions): Promise<{ rounds: MarketRound[]; market: string }> {
  const seed = options.seed ?? 1;
  if (options.job === 'mechanism') {
    const mechanism = options.mechanism ?? 'uniform-price';
    return { rounds: drain(mechanismRounds(scenario, mechanism, options.k ?? 0.5, seed)), market: mechanism };
  }
  if (options.job === 'vpp-game') return { rounds: vppGameRounds((await solved({ kind: 'vpp-game', scenario: document, seed })).data!), market: 'vpp-game' };
  if (options.job === 'mg-bargaining') return { rounds: mgBargainingRounds((await solved({ kind: 'mg-bargaining', scenario: document, seed })).data!), market: 'mg-p2p' };
  if (options.job === 'evcs-market') return { rounds: evcsMarketRounds((await solved({ kind: 'evcs-market', scenario: document, seed })).data!), market: 'evcs-p2p' };
  return { rounds: evGameRounds((await solved({ kind: 'ev-bayesian', scenario: document, seed })).data!), market: 'ev-v2v' };
}

export async function settleRun(document: ScenarioInput, scenario: Scenario, options: SettleRunOptions): Promise<LedgerFile> {
  const { rounds, market } = await roundsOf(document, scenario, options);
  return settleLedger(rounds, {
    run: { scenario: scenario.metadata.name, scenarioHash: contentHash(scenario), job: options.job, market, software: `GridGame Studio ${VERSION}` },
    keySeed: options.keySeed ?? 'classroom',
    neutral: options.neutral ?? { nodes: 3, threshold: 2 },
    f: options.f ?? 1,
    ...(options.faulty ? { consensus: { faulty: options.faulty, behaviour: options.behaviour ?? 'silent', seed: options.seed ?? 1 } } : {}),
  });
}
