/**
 * `ggs sweep FILE [--job KIND] --param PATH --values SPEC [--param2 PATH --values2 SPEC]
 *            [--shard I/N] [--workers N] [--output ID ...] [--seed N] [--backend B] [--warm-start] --out DIR [--json]`
 *
 * Runs every point of a 1-D sweep or 2-D grid (or of one shard of it) in the
 * worker pool and writes DIR/result.json and DIR/points.csv (docs/whatif.md).
 * A point that fails is recorded with its status; the sweep still succeeds
 * (exit 0) and says how many points did not solve. Ctrl+C cancels: exit 130.
 */
import { certificationCount } from '../../../solver/whatif/summary.ts';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import { Option, InvalidArgumentError } from 'commander';
import { JOB_KINDS, type JobKind, type JobRequest } from '../../../solver/contract.ts';
import { formatIssue } from '../../../solver/scenario/validate.ts';
import { parseValuesSpec, type ParamSpec } from '../../../solver/whatif/params.ts';
import { checkStudy, parseShard, type Shard, type Study, type StudyDesign } from '../../../solver/whatif/study.ts';
import { runStudy, type StudyProgress } from '../../../solver/whatif/execute.ts';
import { WorkerPool } from '../../workers/pool.ts';
import { poolExecutor } from '../../workers/poolExecutor.ts';
import type { CliCommand } from '../command.ts';
import { say, warn } from '../command.ts';
import { CliError, EXIT, type ExitCode } from '../exitCodes.ts';
import { jobFor, loadScenario } from '../scenarioFile.ts';
import { prepareOutDir } from '../outDir.ts';
import { progressBar } from '../progressBar.ts';
import { workerEntry } from '../../workers/workerEntry.ts';
import { writeStudyDir } from '../../whatif/studyFiles.ts';

interface SweepOptions {
  job?: JobKind;
  param: string;
  values: string;
  param2?: string;
  values2?: string;
  shard?: Shard;
  workers?: number;
  output: string[];
  seed?: number;
  backend?: 'glpk' | 'highs';
  warmStart?: boolean;
  out: string;
  json?: boolean;
}

function wholeNumber(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('must be a whole number');
  return n;
}

function positiveWholeNumber(text: string): number {
  const n = wholeNumber(text);
  if (n < 1) throw new InvalidArgumentError('must be at least 1');
  return n;
}

function asCliArg<T>(read: (text: string) => T): (text: string) => T {
  return (text) => {
    try {
      return read(text);
    } catch (e) {
      throw new InvalidArgumentError(e instanceof Error ? e.message : String(e));
    }
  };
}

function designOf(opts: SweepOptions): StudyDesign {
  const param = (path: string, values: string | undefined, flag: string): ParamSpec => {
    if (values === undefined) throw new CliError([`${flag} is required with ${flag === '--values' ? '--param' : '--param2'}`]);
    try {
      return { path, values: parseValuesSpec(values) };
    } catch (e) {
      throw new CliError([`${flag} ${(e as Error).message}`]);
    }
  };
  if (opts.param2 === undefined && opts.values2 !== undefined) throw new CliError(['--values2 needs --param2']);
  const first = param(opts.param, opts.values, '--values');
  return opts.param2 === undefined ? { kind: 'sweep', param: first } : { kind: 'grid', param: first, param2: param(opts.param2, opts.values2, '--values2') };
}

function progressLine(p: StudyProgress): { fraction: number; stage: string } {
  const eta = p.etaMs === null ? '' : ` · ETA ${Math.ceil(p.etaMs / 1000)} s`;
  return { fraction: p.fraction, stage: `${p.done}/${p.total} points${p.failed ? ` · ${p.failed} not solved` : ''}${eta}` };
}

async function sweep(file: string, opts: SweepOptions): Promise<ExitCode> {
  const { document, scenario } = await loadScenario(file);
  const base: JobRequest = { kind: jobFor(opts.job, scenario, file), scenario: document, seed: opts.seed, backend: opts.backend };
  const study: Study = { base, design: designOf(opts), ...(opts.output.length ? { outputs: opts.output } : {}) };
  const issues = checkStudy(study);
  if (issues.length > 0) throw new CliError(issues.map(formatIssue));
  await prepareOutDir(opts.out, file);

  const pool = new WorkerPool({ entry: workerEntry(), size: opts.workers });
  const bar = progressBar();
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  let result;
  try {
    result = await runStudy(study, poolExecutor(pool), {
      concurrency: pool.size,
      signal: controller.signal,
      shard: opts.shard,
      warmStart: opts.warmStart === true,
      onProgress: (p) => bar.update(progressLine(p)),
    });
  } finally {
    process.off('SIGINT', onSigint);
    bar.stop();
    await pool.close();
  }
  if (controller.signal.aborted) {
    warn('interrupted');
    return EXIT.interrupted;
  }
  const written = await writeStudyDir(opts.out, result);
  if (opts.json) say(JSON.stringify(result, null, 2));
  else warn(`wrote ${written.join(', ')}`);
  const count = certificationCount(result);
  warn(`certificates: ${count.certified} of ${result.points.length} points certified, ${count.uncertified} uncertified${count.noAnswer > 0 ? `, ${count.noAnswer} without an answer` : ''}`);
  const notSolved = result.points.filter((p) => !hasAnswer(p.status));
  if (notSolved.length > 0) {
    warn(`${notSolved.length} of ${result.points.length} points did not solve (see the status column), e.g. point ${notSolved[0]!.index}: ${notSolved[0]!.status}: ${notSolved[0]!.message}`);
  }
  return EXIT.ok;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export const sweepCommand: CliCommand = (program, done) => {
  program
    .command('sweep')
    .description('run a job over a range of one parameter (or a grid of two); --shard splits it for batch schedulers')
    .argument('<file>', 'scenario file (.ggs.json)')
    .addOption(new Option('--job <kind>', "job kind (default: the scenario's own, metadata.job)").choices(JOB_KINDS))
    .requiredOption('--param <path>', 'parameter path, e.g. network.loadScale or network.buses[id=18].pdKw')
    .requiredOption('--values <spec>', 'FROM:TO:STEPS, log:FROM:TO:STEPS or v1,v2,...')
    .option('--param2 <path>', 'second parameter: a grid of --values × --values2')
    .option('--values2 <spec>', 'values of --param2')
    .option('--shard <i/n>', 'run only shard I of N (0 ≤ I < N): points k with k mod N = I', asCliArg(parseShard))
    .option('--workers <n>', 'worker threads (default: cores − 1)', positiveWholeNumber)
    .option('--output <id>', 'record only this output (repeatable; default: every output of the job)', collect, [])
    .option('--seed <n>', 'seed of the random generator (stochastic jobs)', wholeNumber)
    .addOption(new Option('--backend <name>', 'LP backend').choices(['glpk', 'highs']))
    .option('--warm-start', 'start each point from a neighbouring point’s solution (powerflow, vpp-game, kda, ev-bayesian): fewer iterations; answers agree within the solver tolerance, not bit for bit, so shards merged may differ in the last digits')
    .requiredOption('--out <dir>', 'write result.json and points.csv into this folder')
    .option('--json', 'also print result.json on stdout')
    .action(async (file: string, opts: SweepOptions) => done(await sweep(file, opts)));
};
