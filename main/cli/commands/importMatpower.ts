/**
 * `ggs import matpower CASE.m --out FILE [--force]`: a new scenario holding
 * that network. What the importer cannot interpret is refused with its reason
 * (exit 2); an existing FILE is only replaced with --force, never the input.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { formatIssue, validateScenario } from '../../../solver/scenario/validate.ts';
import { atomicWrite } from '../../files/atomicWrite.ts';
import { claimOutFile } from '../outDir.ts';
import type { CliCommand } from '../command.ts';
import { say, warn } from '../command.ts';
import { CliError, EXIT, type ExitCode } from '../exitCodes.ts';
import { readText } from '../scenarioFile.ts';

interface ImportOptions {
  out: string;
  force?: boolean;
}

async function importMatpowerCase(caseFile: string, opts: ImportOptions): Promise<ExitCode> {
  await claimOutFile(opts.out, { inputs: [caseFile], force: opts.force });
  const text = await readText(caseFile);
  // Loaded on demand: only this command needs the MATPOWER parser.
  const { importMatpower } = await import('../../../solver/import/matpower.ts');
  let imported: ReturnType<typeof importMatpower>;
  try {
    imported = importMatpower(text, basename(caseFile));
  } catch (e) {
    throw new CliError([`${caseFile}: cannot import: ${e instanceof Error ? e.message : String(e)}`]);
  }
  const check = validateScenario(imported.scenario);
  if (!check.ok)
    throw new CliError([`${caseFile}: the importer produced an invalid scenario (please report this):`, ...check.issues.map(formatIssue)], EXIT.solveFailed);
  await atomicWrite(opts.out, JSON.stringify(imported.scenario, null, 2) + '\n');
  for (const w of imported.warnings) warn(`warning: ${w}`);
  const { buses, lines } = check.value.network;
  const open = lines.filter((l) => !l.inService).length;
  say(`${caseFile} → ${opts.out}: ${buses.length} buses, ${lines.length} lines${open ? ` (${open} out of service)` : ''}`);
  return EXIT.ok;
}

/** The `import` group, shared by every importer module. */
export function importGroup(program: Command): Command {
  return program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('create a scenario from another format');
}

export const importMatpowerCommand: CliCommand = (program, done) => {
  importGroup(program)
    .command('matpower')
    .description('a new scenario holding the radial network of a MATPOWER case file')
    .argument('<case>', 'MATPOWER case file (.m)')
    .requiredOption('--out <file>', 'scenario file to create (.ggs.json)')
    .option('--force', 'replace --out if it exists')
    .action(async (caseFile: string, opts: ImportOptions) => done(await importMatpowerCase(caseFile, opts)));
};
