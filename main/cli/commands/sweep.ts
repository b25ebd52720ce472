/**
 * `ggs sweep FILE [--job KIND] --param PATH --values SPEC [--param2 PATH --values2 SPEC]
 *            [--shard I/N] [--workers N] [--output ID ...] [--seed N] [--backend B] [--warm-start]
 *            (--out DIR [--force] | --resume DIR) [--json]`
 *
 * Runs every point of a 1-D sweep or 2-D grid (or of one shard of it) in the
 * worker pool, appends each finished point to DIR/points.jsonl, and writes
 * DIR/result.json and DIR/points.csv (docs/whatif.md). A point that fails is
 * recorded with its status; the sweep still succeeds (exit 0) and says how
 * many points did not solve. SIGINT/SIGTERM stop it: the points finished are
 * kept, a partial result names the missing ones, exit 130/143; --resume DIR
 * runs only those.
 */
import { certificationCount } from '../../../solver/whatif/summary.ts';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import { Option, InvalidArgumentError } from 'commander';
import { JOB_KINDS, type JobKind, type JobRequest } from '../../../solver/contract.ts';
import { formatIssue } from '../../../solver/scenario/validate.ts';
import { parseValuesSpec, type ParamSpec } from '../../../solver/whatif/params.ts';
import { checkStudy, parseShard, type Shard, type Study, type StudyDesign } from '../../../solver/whatif/study.ts';
import { runStudy, studyHead, type StudyProgress } from '../../../solver/whatif/execute.ts';
import { WorkerPool } from '../../workers/pool.ts';
import { poolExecutor } from '../../workers/poolExecutor.ts';
import type { CliCommand } from '../command.ts';
import { say, warn } from '../command.ts';
import { CliError, EXIT, type ExitCode } from '../exitCodes.ts';
import { jobFor, loadScenario } from '../scenarioFile.ts';
import { claimOutDir } from '../outDir.ts';
import { listenForInterrupts } from '../signals.ts';
import { progressBar } from '../progressBar.ts';
import { workerEntry } from '../../workers/workerEntry.ts';
import { STUDY_FILES, writeStudyDir } from '../../whatif/studyFiles.ts';
import { JOURNAL_FILE, StudyJournal } from '../../whatif/studyJournal.ts';
import { missingSummary } from '../../../solver/whatif/result.ts';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
  out?: string;
  resume?: string;
  force?: boolean;
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
  return { fraction: p.fraction, stage: `${p.done}/${p.total} points${p.cached ? ` · ${p.cached} resumed` : ''}${p.failed ? ` · ${p.failed} not solved` : ''}${eta}` };
}

/** The folder of this run: --out DIR, or --resume DIR (both may be given if they agree). */
function runDir(opts: SweepOptions): string {
  if (opts.resume !== undefined && opts.out !== undefined && resolve(opts.resume) !== resolve(opts.out))
    throw new CliError([`--out ${opts.out} and --resume ${opts.resume}: give one folder (--resume DIR writes into DIR)`]);
  const dir = opts.resume ?? opts.out;
  if (dir === undefined) throw new CliError(['--out DIR is required (or --resume DIR to finish an interrupted run)']);
  return dir;
}

async function sweep(file: string, opts: SweepOptions): Promise<ExitCode> {
  const { document, scenario } = await loadScenario(file);
  const base: JobRequest = { kind: jobFor(opts.job, scenario, file), scenario: document, seed: opts.seed, backend: opts.backend };
  const study: Study = { base, design: designOf(opts), ...(opts.output.length ? { outputs: opts.output } : {}) };
  const issues = checkStudy(study);
  if (issues.length > 0) throw new CliError(issues.map(formatIssue));
  const dir = runDir(opts);
  const resuming = opts.resume !== undefined;
  await claimOutDir(dir, resuming ? [] : STUDY_FILES, { inputs: [file], force: opts.force, flag: resuming ? '--resume' : '--out', hint: 'or --resume DIR to finish the points it lacks' });
  // a folder with results but no journal (a merged result, an older run) has nothing to resume from, and is not replaced
  if (resuming && !existsSync(join(dir, JOURNAL_FILE)) && existsSync(join(dir, 'result.json')))
    throw new CliError([`--resume ${dir}: holds a result.json but no ${JOURNAL_FILE} to resume from; use --out ${dir} --force to run the study again`]);
  const journal = StudyJournal.open(dir, studyHead(study, opts.shard), resuming);
  if (resuming) warn(`resuming: ${journal.savedCount} points already in ${join(dir, JOURNAL_FILE)}`);

  const pool = new WorkerPool({ entry: workerEntry(), size: opts.workers });
  const bar = progressBar();
  // a second signal exits at once; the points written so far are on disk already
  const interrupts = listenForInterrupts(() => journal.close());
  let result;
  let written: string[];
  try {
    try {
      result = await runStudy(study, poolExecutor(pool), {
        concurrency: pool.size,
        signal: interrupts.signal,
        shard: opts.shard,
        warmStart: opts.warmStart === true,
        cache: journal.cache,
        onPoint: (point, key, outcome) => journal.append(point, key, outcome),
        onProgress: (p) => bar.update(progressLine(p)),
      });
    } finally {
      bar.stop();
      journal.close();
      // the workers stop before the result is written, so an interrupted run ends within the second
      await pool.close();
    }
    written = await writeStudyDir(dir, result);
  } finally {
    interrupts.dispose();
  }
  if (interrupts.exitCode !== null) {
    const missing = missingSummary(result);
    const what = interrupts.exitCode === EXIT.terminated ? 'terminated' : 'interrupted';
    warn(missing ? `${what}: wrote a partial result, ${missing}; finish it with the same command and --resume ${dir}` : `${what}: the study had finished; wrote ${written.join(', ')}`);
    return interrupts.exitCode;
  }
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
    .option('--out <dir>', 'write points.jsonl (as points finish), result.json and points.csv into this folder')
    .option('--resume <dir>', 'finish the run interrupted in this folder: solve only the points its points.jsonl lacks (a missing folder starts afresh)')
    .option('--force', 'replace the results already in --out')
    .option('--json', 'also print result.json on stdout')
    .action(async (file: string, opts: SweepOptions) => done(await sweep(file, opts)));
};
