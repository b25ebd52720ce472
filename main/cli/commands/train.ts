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
 * The other learning jobs train through the same command (LEARNING below):
 * `adn-operator` (SAC) writes its actor as `policy.json`, which `--resume`
 * starts from; `dlmp-learn` (MATD3 on surrogate and exact prices) writes
 * result.json, whose fitted surrogate `ggs solve --surrogate` reuses.
 */
import { InvalidArgumentError, Option } from 'commander';
import { workerEntry } from '../../workers/workerEntry.ts';
import { WorkerPool } from '../../workers/pool.ts';
import type { JobRequest, JobResult } from '../../../solver/contract.ts';
import type { TrainData } from '../../../solver/jobs/kinds/train.ts';
import { checkpointText, policyOptions, POLICY_FILE, sacCheckpointText, sacPolicyOptions } from '../policyFile.ts';
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
  job?: LearningJob;
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

type LearningJob = (typeof LEARNING_JOBS)[number];

/** What a learning job takes from the command: its flags beyond the shared ones, its checkpoint files. */
interface LearningCli {
  /** flags it has no use for, and why */
  refuses: { flags: ('seeds' | 'every' | 'resume')[]; why: string };
  /** the job's options from `--resume CHECKPOINT` */
  resume?: (file: string) => Promise<Record<string, unknown>>;
  /** the checkpoint files beside result.json and the tables, and how the report names them */
  checkpoints(result: JobResult, name: string): { files: [string, string][]; named: string };
}

const LEARNING: Record<LearningJob, LearningCli> = {
  train: {
    refuses: { flags: [], why: '' },
    resume: policyOptions,
    checkpoints(result, name) {
      const d = result.data as TrainData;
      return {
        files: [
          [POLICY_FILE, checkpointText(name, d.episodes, d.seeds, d.policies)],
          ...d.snapshots.map((s): [string, string] => [`policy-episode-${String(s.episode).padStart(4, '0')}.json`, checkpointText(name, s.episode, d.seeds, s.policies)]),
        ],
        named: `${POLICY_FILE}, ${d.snapshots.length ? `${d.snapshots.length} earlier checkpoints, ` : ''}`,
      };
    },
  },
  'adn-operator': {
    refuses: { flags: ['seeds', 'every'], why: 'one SAC actor, no intermediate checkpoints' },
    resume: sacPolicyOptions,
    checkpoints: (result) => ({ files: [[POLICY_FILE, sacCheckpointText((result.data as { policy: unknown }).policy)]], named: `${POLICY_FILE}, ` }),
  },
  'dlmp-learn': {
    refuses: { flags: ['seeds', 'every', 'resume'], why: 'it keeps no actor checkpoint; ggs solve --surrogate reuses its fitted surrogate' },
    checkpoints: () => ({ files: [], named: '' }),
  },
};

async function train(file: string, opts: TrainCliOptions): Promise<ExitCode> {
  const pool = new WorkerPool({ entry: workerEntry(), size: 1 });
  try {
    const { document, scenario } = await loadScenario(file, opts.set);
    const job = jobFor(opts.job ?? 'train', scenario, file);
    if (!(LEARNING_JOBS as readonly string[]).includes(job)) throw new CliError([`--job ${job}: ggs train runs the learning jobs (${LEARNING_JOBS.join(', ')}); use ggs solve for the others`]);
    const cli = LEARNING[job as LearningJob];
    const refused = cli.refuses.flags.filter((f) => opts[f] !== undefined).map((f) => `--${f}`);
    if (refused.length) throw new CliError([`${refused.join(', ')}: not for the ${job} job (${cli.refuses.why})`]);
    if (opts.checkpoint) await claimOutDir(opts.checkpoint, [POLICY_FILE, SOLVE_RESULT], { inputs: [file, ...(opts.resume ? [opts.resume] : [])], force: opts.force, flag: '--checkpoint' });
    const options: Record<string, unknown> = {
      ...jobOptions(opts.option),
      ...(opts.resume && cli.resume ? await cli.resume(opts.resume) : {}),
      ...(opts.episodes !== undefined ? { episodes: opts.episodes } : {}),
      ...(opts.seeds !== undefined ? { seeds: opts.seeds } : {}),
      ...(opts.every !== undefined ? { checkpointEvery: opts.every } : {}),
    };
    const request = { kind: job, scenario: document, ...(opts.seed !== undefined ? { seed: opts.seed } : {}), options } as JobRequest;
    const { result, interrupted } = await runInWorker(pool, request);
    if (interrupted !== null) {
      warn(interrupted === EXIT.terminated ? 'terminated' : 'interrupted');
      return interrupted;
    }
    if (opts.checkpoint && hasAnswer(result.status)) {
      const { files, named } = cli.checkpoints(result, scenario.metadata.name);
      const written = await writeFiles(opts.checkpoint, [
        ...files,
        [SOLVE_RESULT, JSON.stringify(result, null, 2) + '\n'],
        ...Object.entries(resultTables(result)).map(([n, table]): [string, string] => [`${n}.csv`, toCsv(table)]),
      ], [file]);
      if (!opts.json) warn(`wrote ${written.length} files into ${opts.checkpoint}: ${named}${SOLVE_RESULT} and the tables`);
    }
    if (opts.json) say(JSON.stringify(result, null, 2));
    else if (hasAnswer(result.status)) for (const line of resultSummary(result, `"${scenario.metadata.name}"`)) say(line);
    if (result.status === 'uncertified') warn(`train of ${file}: uncertified: ${result.verdict?.reason ?? result.message}`);
    else if (result.status !== 'ok') {
      warn(`train of ${file}: ${result.status}`);
      for (const line of failureReport(result)) warn(line);
    }
    return exitCodeFor(result.status);
  } finally {
    await pool.close();
  }
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
