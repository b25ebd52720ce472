/**
 * `ggs import bids BOOK.csv --out FILE [--units blocks|divisible] [--force]`:
 * a new scenario holding that bid book (columns side, agent, price, quantity,
 * optional bus and period; solver/market/csv.ts), for the `mechanism` job.
 * Any bad row is reported with its row number and column, exit 2, and nothing
 * is written; an existing FILE is only replaced with --force, never the input.
 */
import { basename } from 'node:path';
import { Option } from 'commander';
import { formatIssue, validateScenario } from '../../../solver/scenario/validate.ts';
import { parseBookCsv } from '../../../solver/market/csv.ts';
import { scenarioFromBook } from '../../../solver/market/bookScenario.ts';
import { atomicWrite } from '../../files/atomicWrite.ts';
import { claimOutFile } from '../outDir.ts';
import type { CliCommand } from '../command.ts';
import { say } from '../command.ts';
import { CliError, EXIT, type ExitCode } from '../exitCodes.ts';
import { readText } from '../scenarioFile.ts';
import { importGroup } from './importMatpower.ts';

interface ImportBidsOptions {
  out: string;
  units: 'blocks' | 'divisible';
  force?: boolean;
}

async function importBids(csvFile: string, opts: ImportBidsOptions): Promise<ExitCode> {
  await claimOutFile(opts.out, { inputs: [csvFile], force: opts.force });
  const parsed = parseBookCsv(await readText(csvFile), opts.units);
  if (!parsed.ok) throw new CliError(parsed.issues.map((i) => `${csvFile}: row ${i.row}${i.column ? `, column ${i.column}` : ''}: ${i.message}`));
  const scenario = scenarioFromBook(parsed.book, basename(csvFile).replace(/\.csv$/i, ''));
  const check = validateScenario(scenario);
  if (!check.ok) throw new CliError([`${csvFile}: the book does not make a valid scenario:`, ...check.issues.map(formatIssue)]);
  await atomicWrite(opts.out, JSON.stringify(scenario, null, 2) + '\n');
  const bids = parsed.book.bids;
  const buyers = new Set(bids.filter((b) => b.side === 'buy').map((b) => b.agent)).size;
  say(`${csvFile} → ${opts.out}: ${bids.length} bids, ${buyers} buyers, ${new Set(bids.map((b) => b.agent)).size - buyers} sellers (${opts.units})`);
  return EXIT.ok;
}

export const importBidsCommand: CliCommand = (program, done) => {
  importGroup(program)
    .command('bids')
    .description('a new scenario holding a bid book for the mechanism job (CSV columns side, agent, price, quantity, optional bus, period)')
    .argument('<book>', 'bid book (.csv)')
    .requiredOption('--out <file>', 'scenario file to create (.ggs.json)')
    .addOption(new Option('--units <units>', 'blocks: whole kWh only; divisible: any part of a bid may fill').choices(['blocks', 'divisible']).default('divisible'))
    .option('--force', 'replace --out if it exists')
    .action(async (csvFile: string, opts: ImportBidsOptions) => done(await importBids(csvFile, opts)));
};
