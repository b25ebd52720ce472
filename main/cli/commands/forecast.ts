/**
 * `ggs forecast DATA.csv [--model elm,...] [--horizon 24] --out DIR [...]`:
 * imports meter data (the shipped OPSD file is recognised by its header;
 * any other CSV is a timestamp column and one column per meter, see
 * solver/forecast/meterCsv.ts), runs the `forecast` job on it in a worker
 * (Ctrl+C cancels, as for `ggs solve`) and writes result.json and the CSV
 * tables into DIR. The baselines always run beside the named models.
 * `--scenario-out FILE` also writes the scenario it ran (re-runnable with
 * `ggs solve FILE`); `--into S.ggs.json --into-out FILE` writes a copy of
 * scenario S with the best model's forecast as a load profile.
 */
import { basename } from 'node:path';
import { Option, InvalidArgumentError } from 'commander';
import type { JobRequest } from '../../../solver/contract.ts';
import { WorkerPool } from '../../workers/pool.ts';
import { workerEntry } from '../../workers/workerEntry.ts';
import { parseMeterCsv, type MeterCsvOptions } from '../../../solver/forecast/meterCsv.ts';
import { OPSD_SOURCE, parseOpsdHousehold } from '../../../solver/forecast/opsd.ts';
import { forecastScenario, withForecastProfile } from '../../../solver/forecast/scenarioOf.ts';
import { MODEL_IDS, type ModelId } from '../../../solver/forecast/modelIds.ts';
import type { ForecastData } from '../../../solver/jobs/kinds/forecast.ts';
import { hasAnswer } from '../../../solver/jobs/certification.ts';
import { formatIssue, validateScenario } from '../../../solver/scenario/validate.ts';
import { atomicWrite } from '../../files/atomicWrite.ts';
import type { CliCommand } from '../command.ts';
import { say, warn } from '../command.ts';
import { CliError, EXIT, exitCodeFor, type ExitCode } from '../exitCodes.ts';
import { claimOutDir, claimOutFile, SOLVE_RESULT, writeOutDir } from '../outDir.ts';
import { readText } from '../scenarioFile.ts';
import { failureReport, resultSummary } from '../reports/index.ts';
import { runInWorker } from './solve.ts';

interface ForecastCliOptions {
  model: string;
  horizon: number;
  target: string;
  testDays: number;
  folds: number;
  step?: number;
  selection: 'grasshopper' | 'coyote' | 'none';
  tuning: 'chicken' | 'none';
  seed: number;
  out: string;
  force?: boolean;
  json?: boolean;
  timeZone: string;
  registers?: boolean;
  fillGaps: number;
  allowMissing?: boolean;
  scenarioOut?: string;
  into?: string;
  intoOut?: string;
  profileId: string;
  bus?: string;
  vpp?: string;
  microgrid?: string;
  scale: number;
}

const int = (text: string): number => {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('must be a whole number');
  return n;
};

/** The named models with the baselines in front (the table always shows them). */
export function modelsOf(text: string): ModelId[] {
  const named = text === 'all' ? [...MODEL_IDS] : text.split(',').map((x) => x.trim()).filter(Boolean);
  const bad = named.filter((m) => !(MODEL_IDS as readonly string[]).includes(m));
  if (bad.length) throw new CliError([`--model ${text}: unknown ${bad.join(', ')} (models: ${MODEL_IDS.join(', ')}, or all)`]);
  return [...new Set(['naive', 'ridge', ...named])] as ModelId[];
}

async function forecast(file: string, o: ForecastCliOptions): Promise<ExitCode> {
  const models = modelsOf(o.model);
  if (o.into && !o.intoOut) throw new CliError(['--into needs --into-out FILE (the scenario with the forecast profile is written there; the input is never changed)']);
  const inputs = [file, ...(o.into ? [o.into] : [])];
  await claimOutDir(o.out, [SOLVE_RESULT], { inputs, force: o.force });
  if (o.scenarioOut) await claimOutFile(o.scenarioOut, { inputs, force: o.force, flag: '--scenario-out' });
  if (o.intoOut) await claimOutFile(o.intoOut, { inputs, force: o.force, flag: '--into-out' });
  const text = await readText(file);
  const opsd = /^\uFEFF?utc_timestamp,cet_cest_timestamp,/.test(text) && text.slice(0, 2000).includes('interpolated_values');
  const csv: Partial<MeterCsvOptions> = { timeZone: o.timeZone, values: o.registers ? 'register' : 'energy', fillGapsUpTo: o.fillGaps, allowMissing: !!o.allowMissing };
  const parsed = opsd ? parseOpsdHousehold(text) : parseMeterCsv(text, csv);
  if (!parsed.ok) throw new CliError(parsed.issues.map((i) => `${file}: ${i.row > 0 ? `row ${i.row}` : 'file'}${i.column ? `, column ${i.column}` : ''}: ${i.message}`));
  const data = parsed.data;
  if (!o.json) {
    warn(`${file}: ${data.report.intervals} intervals of ${data.stepMinutes} min${opsd ? ' (Open Power System Data household file, CC BY 4.0)' : ''}`);
    for (const line of [...data.report.derived, ...data.report.notes]) warn(`  ${line}`);
    const filled = data.report.columns.reduce((a, c) => a + c.interpolated, 0), resets = data.report.columns.reduce((a, c) => a + c.resets.length, 0);
    if (filled || resets) warn(`  interpolated ${filled} values over short gaps; ${resets} register resets`);
  }
  const document = forecastScenario(data, basename(file).replace(/\.csv$/i, ''), opsd ? { ...OPSD_SOURCE } : undefined);
  const check = validateScenario(document);
  if (!check.ok) throw new CliError([`${file}: the data does not make a valid scenario:`, ...check.issues.map(formatIssue)]);
  if (o.scenarioOut) await atomicWrite(o.scenarioOut, JSON.stringify(document) + '\n');

  const pool = new WorkerPool({ entry: workerEntry(), size: 1 });
  try {
    const request: JobRequest = {
      kind: 'forecast',
      scenario: document,
      seed: o.seed,
      options: { target: o.target, horizon: o.horizon, testDays: o.testDays, folds: o.folds, models, selection: o.selection, tuning: o.tuning, ...(o.step ? { stepMinutes: o.step } : {}) },
    };
    const { result, interrupted } = await runInWorker(pool, request);
    if (interrupted !== null) {
      warn(interrupted === EXIT.terminated ? 'terminated' : 'interrupted');
      return interrupted;
    }
    const written = await writeOutDir(o.out, result, file);
    if (o.json) say(JSON.stringify(result, null, 2));
    else {
      warn(`wrote ${written.join(', ')}${o.scenarioOut ? `, ${o.scenarioOut}` : ''}`);
      if (hasAnswer(result.status)) for (const line of resultSummary(result, `"${document.metadata.name}"`)) say(line);
    }
    if (!hasAnswer(result.status)) {
      warn(`forecast of ${file}: ${result.status}`);
      for (const line of failureReport(result)) warn(line);
      return exitCodeFor(result.status);
    }
    if (o.into && o.intoOut) {
      const d = result.data as ForecastData;
      if (!d.next) throw new CliError([`--into: no forecast after the data's end (${d.notes.find((n) => n.startsWith('no forecast')) ?? 'see result.json'})`]);
      const base = JSON.parse(await readText(o.into));
      let updated;
      try {
        updated = withForecastProfile(base, { ...d.next, stepMinutes: d.stepMinutes }, { id: o.profileId, ...(o.bus ? { bus: o.bus } : {}), ...(o.vpp ? { vpp: o.vpp } : {}), ...(o.microgrid ? { microgrid: o.microgrid } : {}), scale: o.scale });
      } catch (e) {
        throw new CliError([`--into ${o.into}: ${(e as Error).message}`]);
      }
      const v = validateScenario(updated);
      if (!v.ok) throw new CliError([`--into ${o.into}: the scenario with the forecast profile is not valid:`, ...v.issues.map(formatIssue)]);
      await atomicWrite(o.intoOut, JSON.stringify(updated, null, 2) + '\n');
      if (!o.json) warn(`wrote ${o.intoOut}: profile ${o.profileId} = ${d.next.model}'s forecast from ${d.next.startIso}${o.bus ? `, driving bus ${o.bus}` : ''}${o.vpp ? `, driving VPP ${o.vpp}'s other load` : ''}${o.microgrid ? `, driving microgrid ${o.microgrid}'s demand` : ''}${o.scale !== 1 ? ` (× ${o.scale})` : ''}`);
    }
    if (result.status === 'uncertified') warn(`forecast of ${file}: uncertified: ${result.verdict?.reason ?? result.message}`);
    return exitCodeFor(result.status);
  } finally {
    await pool.close();
  }
}

export const forecastCommand: CliCommand = (program, done) => {
  program
    .command('forecast')
    .description('forecast load from meter data (CSV) and compare the models with the seasonal-naive and ridge baselines; exit codes as for solve')
    .argument('<data>', 'meter data (.csv): the shipped OPSD household file, or timestamp + one column per meter')
    .option('--model <ids>', `models besides the baselines, comma-separated (${MODEL_IDS.join(', ')}) or all`, 'all')
    .option('--horizon <n>', 'intervals ahead, at most one day', int, 24)
    .option('--target <series>', 'what to forecast: load, pv, net or a column name', 'load')
    .option('--test-days <n>', 'held-out test period: the last N days', int, 28)
    .option('--folds <n>', 'rolling-origin folds of the test period (each retrains)', int, 2)
    .addOption(new Option('--step <minutes>', 'aggregate to this step first (e.g. 60 for 15-minute data)').argParser(int))
    .addOption(new Option('--selection <method>', 'feature selection').choices(['grasshopper', 'coyote', 'none']).default('grasshopper'))
    .addOption(new Option('--tuning <method>', "the ELM's hidden units and λ").choices(['chicken', 'none']).default('chicken'))
    .option('--seed <n>', 'seed of every random choice', int, 1)
    .requiredOption('--out <dir>', 'write result.json and the CSV tables into this folder')
    .option('--force', 'replace existing results')
    .option('--json', 'print result.json on stdout')
    .option('--time-zone <zone>', 'zone of timestamps without an offset (IANA, e.g. Europe/Berlin); also the calendar features\' local time', 'UTC')
    .option('--registers', 'meter columns are cumulative kWh registers (default: energy per interval)')
    .option('--fill-gaps <n>', 'fill gaps of up to N missing values per column (linear; registers: spread evenly)', int, 0)
    .option('--allow-missing', 'keep longer gaps as missing values instead of refusing the file')
    .option('--scenario-out <file>', 'also write the scenario the forecast ran on (for ggs solve)')
    .option('--into <scenario>', "a scenario to receive the best model's forecast as a load profile (with --into-out)")
    .option('--into-out <file>', 'where to write that scenario')
    .option('--profile-id <id>', 'id of the forecast profile', 'forecast-load')
    .option('--bus <id>', "with --into: this bus's load follows the forecast")
    .option('--vpp <id>', "with --into: this VPP's other load (otherLoadKw) is the forecast")
    .option('--microgrid <id>', "with --into: this microgrid's demand (loadKw) is the forecast")
    .option('--scale <x>', 'with --into: the forecast times X (e.g. a number of similar households)', Number, 1)
    .action(async (file: string, opts: ForecastCliOptions) => done(await forecast(file, opts)));
};
