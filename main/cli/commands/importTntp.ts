/**
 * `ggs import tntp NET.tntp TRIPS.tntp [NODES.tntp] --out FILE [--force]`: a
 * new scenario holding the road network and trips of a TNTP data set
 * (solver/import/tntp.ts), for the `traffic` job. Every unreadable line is
 * reported as FILE:LINE: reason, exit 2, and nothing is written; an existing
 * FILE is only replaced with --force, never an input.
 */
import type { CliCommand } from '../command.ts';
import { say, warn } from '../command.ts';
import { formatIssue, validateScenario } from '../../../solver/scenario/validate.ts';
import { importTntp, TntpError, formatTntpProblem } from '../../../solver/import/tntp.ts';
import { atomicWrite } from '../../files/atomicWrite.ts';
import { claimOutFile } from '../outDir.ts';
import { CliError, EXIT, type ExitCode } from '../exitCodes.ts';
import { readText } from '../scenarioFile.ts';
import { importGroup } from './importMatpower.ts';

interface ImportTntpOptions {
  out: string;
  force?: boolean;
}

async function importTntpFiles(netFile: string, tripsFile: string, nodesFile: string | undefined, opts: ImportTntpOptions): Promise<ExitCode> {
  const inputs = [netFile, tripsFile, ...(nodesFile ? [nodesFile] : [])];
  await claimOutFile(opts.out, { inputs, force: opts.force });
  const [net, trips, nodes] = await Promise.all(inputs.map(async (name) => ({ name, text: await readText(name) })));
  let imported: ReturnType<typeof importTntp>;
  try {
    imported = importTntp(net!, trips!, nodes);
  } catch (e) {
    if (e instanceof TntpError) throw new CliError(['cannot import the TNTP files:', ...e.problems.map(formatTntpProblem)]);
    throw e;
  }
  const check = validateScenario(imported.scenario);
  if (!check.ok) throw new CliError([`${netFile}: the TNTP files do not make a valid road network:`, ...check.issues.map(formatIssue)]);
  await atomicWrite(opts.out, JSON.stringify(imported.scenario, null, 2) + '\n');
  for (const w of imported.warnings) warn(`warning: ${w}`);
  const t = check.value.transport!;
  say(`${netFile} → ${opts.out}: ${t.nodes.length} nodes, ${t.links.length} links, ${t.demand.length} OD pairs`);
  return EXIT.ok;
}

export const importTntpCommand: CliCommand = (program, done) => {
  importGroup(program)
    .command('tntp')
    .description('a new scenario holding a road network and its trips in the TNTP format (Transportation Networks for Research), for the traffic job')
    .argument('<net>', 'network file (…_net.tntp)')
    .argument('<trips>', 'trips file (…_trips.tntp)')
    .argument('[nodes]', 'node coordinates (…_node.tntp); without it the nodes are placed on a circle')
    .requiredOption('--out <file>', 'scenario file to create (.ggs.json)')
    .option('--force', 'replace --out if it exists')
    .action(async (net: string, trips: string, nodes: string | undefined, opts: ImportTntpOptions) => done(await importTntpFiles(net, trips, nodes, opts)));
};
