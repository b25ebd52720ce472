/**
 * `ggs solve FILE [--job KIND] [--set PATH=VALUE ...] [--option KEY=VALUE ...] [--backend glpk|highs] [--seed N] [--out DIR [--force]] [--json]`
 *
 * Runs one job in a worker thread (the same pool the desktop app uses), so
 * Ctrl+C cancels it like the Cancel button does: exit 130, "interrupted";
 * SIGTERM likewise, exit 143, "terminated".
 * Without --job it runs the scenario's own job (`metadata.job`).
 *
 * The worker is started first, so that it loads (and, when --job names an
 * LP-backed kind, compiles that LP solver's WebAssembly) while this thread
 * reads and validates the scenario; once the job is known its backend is
 * prewarmed ahead of the job in any case (docs/cli.md, "Start-up").
 */
import { availableParallelism } from 'node:os';
import { workerEntry } from '../../workers/workerEntry.ts';
import { Option, InvalidArgumentError } from 'commander';
import { JOB_KINDS, type JobKind, type JobRequest, type JobResult } from '../../../solver/contract.ts';
import { WorkerPool } from '../../workers/pool.ts';
import type { CliCommand } from '../command.ts';
import { say, warn } from '../command.ts';
import { CliError, EXIT, exitCodeFor, type ExitCode } from '../exitCodes.ts';
import { parseSetValue } from '../../../solver/scenario/paths.ts';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import { jobFor, loadScenario } from '../scenarioFile.ts';
import { claimOutDir, SOLVE_RESULT, writeOutDir } from '../outDir.ts';
import { progressBar } from '../progressBar.ts';
import { listenForInterrupts } from '../signals.ts';
import { lpBackendOf } from '../../../solver/jobs/run.ts';
import type { LpBackendName } from '../../../solver/lp/backendInterface.ts';
import { failureReport, resultSummary } from '../reports/index.ts';
import { policyOptions } from '../policyFile.ts';
import { surrogateOptions } from '../surrogateFile.ts';

interface SolveOptions {
  job?: JobKind;
  set: string[];
  option: string[];
  backend?: 'glpk' | 'highs';
  seed?: number;
  out?: string;
  force?: boolean;
  json?: boolean;
  policy?: string;
  surrogate?: string;
}

function parseSeed(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('must be a whole number');
  return n;
}

/** Runs the request; a first SIGINT/SIGTERM cancels the job, a second one exits at once (signals.ts). */
export async function runInWorker(pool: WorkerPool, request: JobRequest): Promise<{ result: JobResult; interrupted: ExitCode | null }> {
  const bar = progressBar();
  const interrupts = listenForInterrupts();
  const handle = pool.run(request, { onProgress: (p) => bar.update(p), signal: interrupts.signal });
  try {
    return { result: await handle.promise, interrupted: interrupts.exitCode };
  } finally {
    interrupts.dispose();
    bar.stop();
  }
}

const lpBackends = (job: JobKind | undefined, backend: LpBackendName | undefined): LpBackendName[] => {
  const name = job ? lpBackendOf(job, backend) : null;
  return name ? [name] : [];
};

async function solve(file: string, opts: SolveOptions): Promise<ExitCode> {
  // one job: the microgrid ADMM's steps may use every core (mg-bargaining; nodeWorker.ts)
  const pool = new WorkerPool({ entry: workerEntry(), size: 1, microgridStepThreads: availableParallelism() });
  pool.warmUp(lpBackends(opts.job, opts.backend));
  try {
    return await solveIn(pool, file, opts);
  } finally {
    await pool.close();
  }
}

async function solveIn(pool: WorkerPool, file: string, opts: SolveOptions): Promise<ExitCode> {
  const { document, scenario } = await loadScenario(file, opts.set);
  const job = jobFor(opts.job, scenario, file);
  if (opts.out) await claimOutDir(opts.out, [SOLVE_RESULT], { inputs: [file], force: opts.force });
  if (opts.policy && job !== 'train') throw new CliError([`--policy: only the train job evaluates a saved policy (this is ${job})`]);
  // a saved policy is evaluated, not trained further, unless --option episodes=N says otherwise
  const saved = opts.policy ? await policyOptions(opts.policy) : null;
  if (opts.surrogate && job !== 'dlmp-learn') throw new CliError([`--surrogate: only the dlmp-learn job reads a saved surrogate (this is ${job})`]);
  const surrogate = opts.surrogate ? await surrogateOptions(opts.surrogate) : null;
  const options = { ...(saved ? { episodes: 0, seeds: saved.policy.length, knownOptimumEpisodes: 0, ...saved } : {}), ...surrogate, ...jobOptions(opts.option) };
  const request: JobRequest = { kind: job, scenario: document, seed: opts.seed, backend: opts.backend, ...(Object.keys(options).length > 0 ? { options } : {}) };
  pool.warmUp(lpBackends(job, opts.backend));
  const { result, interrupted } = await runInWorker(pool, request);
  if (interrupted !== null) {
    warn(interrupted === EXIT.terminated ? 'terminated' : 'interrupted');
    return interrupted;
  }
  if (opts.out) {
    const written = await writeOutDir(opts.out, result, file);
    if (!opts.json) warn(`wrote ${written.join(', ')}`);
  }
  if (opts.json) say(JSON.stringify(result, null, 2));
  else if (hasAnswer(result.status)) for (const line of resultSummary(result, `"${scenario.metadata.name}"`)) say(line);
  if (result.status === 'uncertified') warn(`${job} of ${file}: uncertified: ${result.verdict?.reason ?? result.message}`);
  else if (result.status !== 'ok') {
    warn(`${job} of ${file}: ${result.status}`);
    for (const line of failureReport(result)) warn(line);
  }
  return exitCodeFor(result.status);
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `--option KEY=VALUE` pairs as the job's options (VALUE read as JSON when it parses, else text); the job's schema checks them. */
export function jobOptions(pairs: string[]): Record<string, unknown> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) throw new CliError([`--option ${pair}: expected KEY=VALUE, e.g. misreport=false`]);
      return [pair.slice(0, at), parseSetValue(pair.slice(at + 1))];
    }),
  );
}

export const solveCommand: CliCommand = (program, done) => {
  program
    .command('solve')
    .description('run one job on a scenario; exit 0 solved and certified, 2 bad input, 3 solve failed, 4 solved but not certified, 130 interrupted, 143 terminated')
    .argument('<file>', 'scenario file (.ggs.json)')
    .addOption(new Option('--job <kind>', "job kind (default: the scenario's own, metadata.job)").choices(JOB_KINDS))
    .option('--set <path=value>', 'change one field for this run, e.g. network.buses[id=18].pdKw=120 (repeatable)', collect, [])
    .option('--option <key=value>', "set one of the job's options, e.g. mechanisms=vcg,mcafee (repeatable; default: the job's defaults)", collect, [])
    .addOption(new Option('--backend <name>', 'LP backend').choices(['glpk', 'highs']))
    .option('--seed <n>', 'seed of the random generator (stochastic jobs)', parseSeed)
    .option('--out <dir>', 'write result.json and CSV tables into this folder')
    .option('--force', 'replace the results already in --out')
    .option('--json', 'print result.json on stdout')
    .option('--policy <checkpoint>', 'train job: evaluate the saved actors of a checkpoint (ggs train --checkpoint DIR writes DIR/policy.json)')
    .option('--surrogate <file>', 'dlmp-learn job: price with the saved DLMP surrogate instead of fitting one (the result.json of an earlier run)')
    .action(async (file: string, opts: SolveOptions) => done(await solve(file, opts)));
};
