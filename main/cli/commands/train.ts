/**
 * `ggs train FILE [--job train|adn-operator|dlmp-learn] [--episodes N] [--seeds N] [--every K] [--option KEY=VALUE ...] [--resume CHECKPOINT] [--seed N] [--checkpoint DIR [--force]] [--json]`
 *
 * Trains the learning bidders of the scenario's `learning` community in a
 * worker thread (Ctrl+C cancels, as in `ggs solve`) and writes into DIR:
 * `policy.json` (the trained actors, one per seed: the checkpoint `ggs
 * solve --policy` and `--resume` read), `policy-episode-NNNN.json` every
 * `--every` episodes, `result.json` and the CSV tables (learning curves,
 * evaluation against the baselines, policy maps).
 *
 * A checkpoint holds the actors only: `--resume` starts new critics and
 * replay buffers from the saved actors (docs/models/learning.md).
 *
 * The other learning jobs train through the same command (otherRun below):
 * `adn-operator` (SAC) writes its actor as `policy.json`, which `--resume`
 * starts from; `dlmp-learn` (MATD3 on surrogate and exact prices) writes
 * result.json, whose fitted surrogate `ggs solve --surrogate` reuses.
 */
import { InvalidArgumentError, Option } from 'commander';
import { workerEntry } from '../../workers/workerEntry.ts';
import { WorkerPool } from '../../workers/pool.ts';
import { readFile } from 'node:fs/promises';
import type { JobRequest, JobResult } from '../../../solver/contract.ts';
import type { TrainData } from '../../../solver/jobs/kinds/train.ts';
import { checkpointText, policyOptions, POLICY_FILE } from '../policyFile.ts';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import type { CliCommand } from '../command.ts';
import { say, warn } from '../command.ts';
import { CliError, EXIT, exitCodeFor, type ExitCode } from '../exitCodes.ts';
import { jobFor, loadScenario } from '../scenarioFile.ts';
import { claimOutDir, SOLVE_RESULT, writeFiles } from '../outDir.ts';
import { resultTables } from '../../../solver/results/tables.ts';
import { toCsv } from '../../../solver/results/table.ts';
import { failureReport, resultSummary } from '../reports/index.ts';
import { jobOptions, runInWorker } from './solve.ts';

/** The jobs `ggs train` runs: the ones that learn over episodes. */
const LEARNING_JOBS = ['train', 'adn-operator', 'dlmp-learn'] as const;

interface TrainCliOptions {
  job?: (typeof LEARNING_JOBS)[number];
  episodes?: number;
  seeds?: number;
  every?: number;
  option: string[];
  set: string[];
  resume?: string;
  seed?: number;
  checkpoint?: string;
  force?: boolean;
  json?: boolean;
}

function count(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return n;
}
const collect = (value: string, previous: string[]) => [...previous, value];

async function train(file: string, opts: TrainCliOptions): Promise<ExitCode> {
  const pool = new WorkerPool({ entry: workerEntry(), size: 1 });
  try {
    const { document, scenario } = await loadScenario(file, opts.set);
    const job = jobFor(opts.job ?? 'train', scenario, file);
    if (!(LEARNING_JOBS as readonly string[]).includes(job)) throw new CliError([`--job ${job}: ggs train runs the learning jobs (${LEARNING_JOBS.join(', ')}); use ggs solve for the others`]);
    if (job !== 'train') return await otherRun(pool, file, job as Exclude<TrainCliOptions['job'], 'train' | undefined>, document, scenario.metadata.name, opts);
    if (opts.checkpoint) await claimOutDir(opts.checkpoint, [POLICY_FILE, SOLVE_RESULT], { inputs: [file, ...(opts.resume ? [opts.resume] : [])], force: opts.force, flag: '--checkpoint' });
    const options: Record<string, unknown> = {
      ...jobOptions(opts.option),
      ...(opts.resume ? await policyOptions(opts.resume) : {}),
      ...(opts.episodes !== undefined ? { episodes: opts.episodes } : {}),
      ...(opts.seeds !== undefined ? { seeds: opts.seeds } : {}),
      ...(opts.every !== undefined ? { checkpointEvery: opts.every } : {}),
    };
    const request: JobRequest = { kind: 'train', scenario: document, ...(opts.seed !== undefined ? { seed: opts.seed } : {}), options };
    const { result, interrupted } = await runInWorker(pool, request);
    if (interrupted !== null) {
      warn(interrupted === EXIT.terminated ? 'terminated' : 'interrupted');
      return interrupted;
    }
    if (opts.checkpoint && hasAnswer(result.status)) {
      const d = result.data as TrainData;
      const files: [string, string][] = [
        [POLICY_FILE, checkpointText(scenario.metadata.name, d.episodes, d.seeds, d.policies)],
        ...d.snapshots.map((s): [string, string] => [`policy-episode-${String(s.episode).padStart(4, '0')}.json`, checkpointText(scenario.metadata.name, s.episode, d.seeds, s.policies)]),
        [SOLVE_RESULT, JSON.stringify(result, null, 2) + '\n'],
        ...Object.entries(resultTables(result)).map(([name, table]): [string, string] => [`${name}.csv`, toCsv(table)]),
      ];
      const written = await writeFiles(opts.checkpoint, files, [file]);
      if (!opts.json) warn(`wrote ${written.length} files into ${opts.checkpoint}: ${POLICY_FILE}${d.snapshots.length ? `, ${d.snapshots.length} earlier checkpoints` : ''}, ${SOLVE_RESULT} and the tables`);
    }
    return report(file, scenario.metadata.name, result, opts);
  } finally {
    await pool.close();
  }
}

/** POLICY_FILE of an adn-operator run: the SAC actor and its temperature (the job's `policy` option). */
const adnPolicyText = (policy: unknown) => JSON.stringify({ format: 'ggs-sac-policy', version: 1, policy }, null, 2) + '\n';

async function adnPolicyOption(file: string): Promise<{ policy: unknown }> {
  let doc: { format?: string; policy?: unknown; data?: { policy?: unknown } };
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new CliError([`${file}: not a readable checkpoint (${(e as Error).message})`]);
  }
  // the checkpoint's policy.json, or the result.json of an earlier run
  const policy = doc?.format === 'ggs-sac-policy' ? doc.policy : doc?.data?.policy;
  if (!policy) throw new CliError([`${file}: not an adn-operator checkpoint (policy.json or result.json of an earlier ggs train --job adn-operator)`]);
  return { policy };
}

async function otherRun(pool: WorkerPool, file: string, job: 'adn-operator' | 'dlmp-learn', document: unknown, name: string, opts: TrainCliOptions): Promise<ExitCode> {
  const unsupported = [opts.seeds !== undefined && '--seeds', opts.every !== undefined && '--every', job === 'dlmp-learn' && opts.resume && '--resume'].filter(Boolean);
  if (unsupported.length) throw new CliError([`${unsupported.join(', ')}: not for the ${job} job (${job === 'dlmp-learn' ? 'it keeps no actor checkpoint; ggs solve --surrogate reuses its fitted surrogate' : 'one SAC actor, no intermediate checkpoints'})`]);
  if (opts.checkpoint) await claimOutDir(opts.checkpoint, [POLICY_FILE, SOLVE_RESULT], { inputs: [file, ...(opts.resume ? [opts.resume] : [])], force: opts.force, flag: '--checkpoint' });
  const options: Record<string, unknown> = {
    ...jobOptions(opts.option),
    ...(opts.resume ? await adnPolicyOption(opts.resume) : {}),
    ...(opts.episodes !== undefined ? { episodes: opts.episodes } : {}),
  };
  const request = { kind: job, scenario: document, ...(opts.seed !== undefined ? { seed: opts.seed } : {}), options } as JobRequest;
  const { result, interrupted } = await runInWorker(pool, request);
  if (interrupted !== null) {
    warn(interrupted === EXIT.terminated ? 'terminated' : 'interrupted');
    return interrupted;
  }
  if (opts.checkpoint && hasAnswer(result.status)) {
    const policy = job === 'adn-operator' ? (result.data as { policy: unknown }).policy : null;
    const files: [string, string][] = [
      ...(policy ? [[POLICY_FILE, adnPolicyText(policy)] as [string, string]] : []),
      [SOLVE_RESULT, JSON.stringify(result, null, 2) + '\n'],
      ...Object.entries(resultTables(result)).map(([n, table]): [string, string] => [`${n}.csv`, toCsv(table)]),
    ];
    const written = await writeFiles(opts.checkpoint, files, [file]);
    if (!opts.json) warn(`wrote ${written.length} files into ${opts.checkpoint}${policy ? `: ${POLICY_FILE}, ` : ': '}${SOLVE_RESULT} and the tables`);
  }
  return report(file, name, result, opts);
}

function report(file: string, name: string, result: JobResult, opts: TrainCliOptions): ExitCode {
  if (opts.json) say(JSON.stringify(result, null, 2));
  else if (hasAnswer(result.status)) for (const line of resultSummary(result, `"${name}"`)) say(line);
  if (result.status === 'uncertified') warn(`train of ${file}: uncertified: ${result.verdict?.reason ?? result.message}`);
  else if (result.status !== 'ok') {
    warn(`train of ${file}: ${result.status}`);
    for (const line of failureReport(result)) warn(line);
  }
  return exitCodeFor(result.status);
}

export const trainCommand: CliCommand = (program, done) => {
  program
    .command('train')
    .description('train a learning job (the community\'s bidders, the ADN operator, the DLMP traders) and write checkpoints; exit codes as ggs solve')
    .argument('<file>', 'scenario file (.ggs.json) with a learning and a forecast section')
    .addOption(new Option('--job <kind>', 'the job to train (default train: the community\'s bidders)').choices([...LEARNING_JOBS]))
    .option('--episodes <n>', 'training episodes (default: the job\'s, 30)', count)
    .option('--seeds <n>', 'independent trainings for the learning curve\'s band (default 3)', count)
    .option('--every <k>', 'also write a checkpoint every k episodes', count)
    .option('--option <key=value>', 'set one of the train job\'s options, e.g. updateEvery=4 (repeatable)', collect, [])
    .option('--set <path=value>', 'change one field for this run, e.g. learning.households=20 (repeatable)', collect, [])
    .option('--resume <checkpoint>', 'start from the actors of a checkpoint (DIR/policy.json)')
    .option('--seed <n>', 'seed of the first training (the others follow it)', count)
    .option('--checkpoint <dir>', 'write policy.json, earlier checkpoints, result.json and CSV tables into this folder')
    .option('--force', 'replace the checkpoints already in --checkpoint')
    .option('--json', 'print result.json on stdout')
    .action(async (file: string, opts: TrainCliOptions) => done(await train(file, opts)));
};
