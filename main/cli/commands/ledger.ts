/**
 * `ggs ledger settle SCENARIO [--job mechanism|vpp-game|ev-bayesian|mg-bargaining|evcs-market] [--mechanism ID] [--k K] [--key-seed S] [--neutral N] [--threshold M] [--f F] [--faulty K [--behaviour B]] --out FILE [--force]`
 * and `ggs ledger verify FILE [--no-reclear] [--json]`.
 *
 * settle runs the job in this thread (the mechanism lab once per period; the
 * runs are short) and writes the signed, hash-linked ledger
 * (solver/ledger/settleRun.ts; docs/models/ledger.md). verify checks every
 * byte, hash and signature and re-clears every block that records its bids:
 * exit 0 and one summary line, or exit 1 with the first broken item first.
 */
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { MECHANISM_IDS, type MechanismId } from '../../../solver/market/mechanismIds.ts';
import { SETTLE_JOBS, SettleError, settleRun, type SettleJob } from '../../../solver/ledger/settleRun.ts';
import { serializeLedger } from '../../../solver/ledger/format.ts';
import { verifyLedgerBytes } from '../../../solver/ledger/verify.ts';
import { atomicWrite } from '../../files/atomicWrite.ts';
import { claimOutFile } from '../outDir.ts';
import type { CliCommand } from '../command.ts';
import { say, warn } from '../command.ts';
import { CliError, EXIT, type ExitCode } from '../exitCodes.ts';
import { jobFor, loadScenario } from '../scenarioFile.ts';

interface SettleCliOptions {
  job?: SettleJob;
  mechanism: MechanismId;
  k: number;
  keySeed: string;
  neutral: number;
  threshold: number;
  f: number;
  seed: number;
  faulty: number;
  behaviour: 'silent' | 'equivocating' | 'wrong-digest';
  out: string;
  force?: boolean;
}

const wholeNumber = (min: number) => (text: string) => {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`must be a whole number ≥ ${min}`);
  return n;
};
const fraction = (text: string) => {
  const n = Number(text);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('must be a number from 0 to 1');
  return n;
};

async function settle(file: string, opts: SettleCliOptions): Promise<ExitCode> {
  await claimOutFile(opts.out, { inputs: [file], force: opts.force });
  const { document, scenario } = await loadScenario(file);
  const job = jobFor(opts.job, scenario, file);
  if (!(SETTLE_JOBS as readonly string[]).includes(job)) throw new CliError([`${file}: the ${job} job clears no market to settle; use --job ${SETTLE_JOBS.join('|')}`]);
  if (opts.threshold > opts.neutral) throw new CliError([`--threshold ${opts.threshold}: more than the ${opts.neutral} neutral nodes`]);
  let ledger;
  try {
    ledger = await settleRun(document, scenario, { job: job as SettleJob, mechanism: opts.mechanism, k: opts.k, keySeed: opts.keySeed, neutral: { nodes: opts.neutral, threshold: opts.threshold }, f: opts.f, seed: opts.seed, faulty: opts.faulty, behaviour: opts.behaviour });
  } catch (e) {
    if (e instanceof SettleError) throw new CliError([`${file}: ${e.message}`], EXIT.solveFailed);
    throw e;
  }
  await atomicWrite(opts.out, serializeLedger(ledger));
  const txs = ledger.blocks.reduce((s, b) => s + b.transactions.length, 0);
  const views = Math.max(0, ...ledger.blocks.map((b) => b.header.view));
  say(`${file} → ${opts.out}: ${ledger.blocks.length} block${ledger.blocks.length === 1 ? '' : 's'}, ${txs} transactions (${ledger.config.run.market}); ${ledger.config.validators.nodes.length} validators (f = ${opts.f}${opts.faulty ? `, ${opts.faulty} ${opts.behaviour}: last view ${views}` : ''}), ${opts.threshold}-of-${opts.neutral} neutral co-signatures; config ${ledger.configHash}`);
  return EXIT.ok;
}

async function verify(file: string, opts: { reclear: boolean; json?: boolean }): Promise<ExitCode> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new CliError([`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message})`]);
  }
  const report = verifyLedgerBytes(bytes, { reclear: opts.reclear });
  if (opts.json) say(JSON.stringify(report, null, 2));
  if (report.ok) {
    if (!opts.json) say(`${file}: valid: ${report.blocks} blocks, ${report.transactions} transactions, every hash and signature checks${report.recleared ? `, ${report.recleared} blocks re-cleared from their bids` : ''}; config ${report.configHash}`);
    return EXIT.ok;
  }
  const [first, ...rest] = report.faults;
  warn(`${file}: broken at ${first!.path}: ${first!.message}`);
  for (const f of rest) warn(`  also ${f.path}: ${f.message}`);
  return EXIT.broken;
}

const ledgerGroup = (program: Command): Command =>
  program.commands.find((c) => c.name() === 'ledger') ?? program.command('ledger').description('settle a run into a signed, hash-linked ledger and verify ledger files (docs/models/ledger.md)');

export const ledgerCommand: CliCommand = (program, done) => {
  const group = ledgerGroup(program);
  group
    .command('settle')
    .description("settle a run's cleared market into a ledger file: exit 0, 2 bad input, 3 the job failed")
    .argument('<file>', 'scenario file (.ggs.json)')
    .addOption(new Option('--job <kind>', "the job whose trades are settled (default: the scenario's own)").choices(SETTLE_JOBS))
    .addOption(new Option('--mechanism <id>', 'mechanism job: the rule whose trades are settled').choices(MECHANISM_IDS).default('uniform-price'))
    .option('--k <k>', 'mechanism job: price weight k of the uniform-price and bilateral rules', fraction, 0.5)
    .option('--key-seed <seed>', 'seed the teaching keys derive from (anyone who knows it can sign)', 'classroom')
    .option('--neutral <n>', 'neutral nodes co-signing every transaction', wholeNumber(1), 3)
    .option('--threshold <m>', 'co-signatures a transaction needs (m of n)', wholeNumber(1), 2)
    .option('--f <f>', 'byzantine validators tolerated: n = 3f + 1 validators', wholeNumber(0), 1)
    .option('--seed <n>', "the job's random seed (and the PBFT run's)", wholeNumber(0), 1)
    .option('--faulty <k>', 'byzantine validators (the first k, the primary among them) while the blocks are agreed by PBFT; more than f and nothing is settled', wholeNumber(0), 0)
    .addOption(new Option('--behaviour <b>', 'what the faulty validators do').choices(['silent', 'equivocating', 'wrong-digest']).default('silent'))
    .requiredOption('--out <file>', 'ledger file to write (.ggsledger.json)')
    .option('--force', 'replace --out if it exists')
    .action(async (file: string, opts: SettleCliOptions) => done(await settle(file, opts)));
  group
    .command('verify')
    .description('check every byte, hash and signature of a ledger file and re-clear its blocks: exit 0 valid, 1 broken (the first broken item is named), 2 unreadable')
    .argument('<file>', 'ledger file (.ggsledger.json)')
    .option('--no-reclear', 'skip re-clearing the blocks from their recorded bids')
    .option('--json', 'print the report as JSON on stdout')
    .action(async (file: string, opts: { reclear: boolean; json?: boolean }) => done(await verify(file, opts)));
};
