/**
 * `ggs export-lp FILE [--job KIND] [--set PATH=VALUE ...] --out MODEL.lp [--force]`:
 * the LP the job would solve, in CPLEX-LP format, so it can be checked in
 * another solver (glpsol --lp, highs, CPLEX, Gurobi). Only LP-backed job kinds
 * have one; the job's options take their defaults.
 */
import { Option } from 'commander';
import { JOB_KINDS, jobOptionSchemas, type JobKind } from '../../../solver/contract.ts';
import { jobDefinitions } from '../../../solver/jobs/registry.ts';
import { SolverError } from '../../../solver/jobs/errors.ts';
import type { LpModel } from '../../../solver/lp/model.ts';
import { loadLpBackend, type LpBackend } from '../../../solver/lp/backend.ts';
import { toCplexLp } from '../../../solver/lp/lpFormat.ts';
import { atomicWrite } from '../../files/atomicWrite.ts';
import { claimOutFile } from '../outDir.ts';
import type { CliCommand } from '../command.ts';
import { say } from '../command.ts';
import { CliError, EXIT, type ExitCode } from '../exitCodes.ts';
import { jobFor, loadScenario } from '../scenarioFile.ts';

interface ExportLpOptions {
  job?: JobKind;
  set: string[];
  out: string;
  force?: boolean;
}

async function exportLp(file: string, opts: ExportLpOptions): Promise<ExitCode> {
  const { scenario } = await loadScenario(file, opts.set);
  const job = jobFor(opts.job, scenario, file);
  const definition = jobDefinitions[job];
  if (!definition.buildLp) {
    const lpKinds = JOB_KINDS.filter((k) => jobDefinitions[k].buildLp);
    throw new CliError([`--job ${job}: this job solves no LP; jobs with one: ${lpKinds.join(', ')}`]);
  }
  await claimOutFile(opts.out, { inputs: [file], force: opts.force });
  const options = jobOptionSchemas[job].parse({});
  let model: LpModel;
  try {
    // a job whose model needs solves to build (dso-fees derives its big-Ms by LP) gets its backend
    const lp = definition.lpBackend ? await loadLpBackend(definition.lpBackend) : undefined;
    model = (definition.buildLp as (s: typeof scenario, o: typeof options, lp?: LpBackend) => LpModel)(scenario, options, lp);
  } catch (e) {
    // a meshed network or a transformer is refused while building, with the scenario path
    if (e instanceof SolverError) throw new CliError([`${e.error.path ? `${e.error.path}: ` : ''}${e.message}`]);
    throw e;
  }
  await atomicWrite(opts.out, toCplexLp(model));
  say(`${job} LP of ${file} → ${opts.out}: ${model.rowCount} rows, ${model.varCount} columns, ${model.nonzeroCount} non-zeros`);
  return EXIT.ok;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export const exportLpCommand: CliCommand = (program, done) => {
  program
    .command('export-lp')
    .description("write a job's linear program in CPLEX-LP format, to check it in another solver")
    .argument('<file>', 'scenario file (.ggs.json)')
    .addOption(new Option('--job <kind>', "job kind (default: the scenario's own, metadata.job)").choices(JOB_KINDS))
    .option('--set <path=value>', 'change one field for this run (repeatable)', collect, [])
    .requiredOption('--out <model.lp>', 'LP file to write')
    .option('--force', 'replace --out if it exists')
    .action(async (file: string, opts: ExportLpOptions) => done(await exportLp(file, opts)));
};
