/**
 * `ggs import opendss MASTER.dss --out FILE [--force]`: a new scenario holding
 * the balanced single-phase equivalent of an OpenDSS circuit
 * (solver/import/opendss.ts; the subset of the language the IEEE 13- and
 * 123-bus feeders use). Redirect/Compile/BusCoords files are read relative to
 * the file that names them. Problems are reported as FILE:LINE: reason, exit
 * 2, and nothing is written; an existing FILE is only replaced with --force.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { CliCommand } from '../command.ts';
import { say, warn } from '../command.ts';
import { formatIssue, validateScenario } from '../../../solver/scenario/validate.ts';
import { DssError, formatDssProblem, importOpendss } from '../../../solver/import/opendss.ts';
import { atomicWrite } from '../../files/atomicWrite.ts';
import { claimOutFile } from '../outDir.ts';
import { CliError, EXIT, type ExitCode } from '../exitCodes.ts';
import { importGroup } from './importMatpower.ts';

interface ImportOptions {
  out: string;
  force?: boolean;
}

async function importOpendssFile(master: string, opts: ImportOptions): Promise<ExitCode> {
  await claimOutFile(opts.out, { inputs: [master], force: opts.force });
  // the importer names files relative to the master's folder, with forward slashes
  const root = dirname(resolve(master));
  const read = (p: string) => {
    const file = resolve(root, p);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  };
  let imported: ReturnType<typeof importOpendss>;
  try {
    imported = importOpendss(relative(root, resolve(master)), read);
  } catch (e) {
    if (e instanceof DssError) throw new CliError([`cannot import ${master}:`, ...e.problems.map(formatDssProblem)]);
    throw e;
  }
  const check = validateScenario(imported.scenario);
  if (!check.ok) throw new CliError([`${master}: the importer produced an invalid scenario (please report this):`, ...check.issues.map(formatIssue)], EXIT.solveFailed);
  await atomicWrite(opts.out, JSON.stringify(imported.scenario, null, 2) + '\n');
  for (const w of imported.warnings) warn(`warning: ${w}`);
  const { buses, lines } = check.value.network;
  say(`${master} → ${opts.out}: ${buses.length} buses, ${lines.length} lines (balanced equivalent), ${buses.reduce((s, b) => s + b.pdKw, 0).toFixed(0)} kW of load`);
  return EXIT.ok;
}

export const importOpendssCommand: CliCommand = (program, done) => {
  importGroup(program)
    .command('opendss')
    .description('a new scenario holding the balanced single-phase equivalent of an OpenDSS circuit (the subset the IEEE 13- and 123-bus feeders use)')
    .argument('<master>', 'OpenDSS script (.dss) that defines the circuit')
    .requiredOption('--out <file>', 'scenario file to create (.ggs.json)')
    .option('--force', 'replace --out if it exists')
    .action(async (master: string, opts: ImportOptions) => done(await importOpendssFile(master, opts)));
};
