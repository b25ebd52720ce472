/**
 * `ggs forecast`: a user's meter CSV to result.json and CSV tables (the
 * baselines always beside the named model), row-numbered errors with exit 2
 * and nothing written, the scenario it ran re-run by `ggs solve`, and the
 * forecast written into another scenario as a load profile.
 */
import { describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, writeFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ggs, repoRoot } from './support/ggs.ts';
import { validateScenario } from '../../solver/scenario/validate.ts';

vi.setConfig({ testTimeout: 120_000 });
const exists = (f: string) => access(f).then(() => true, () => false);

/** 50 days of hourly local-time load with a daily shape, in Europe/Berlin across the spring DST change. */
function meterCsv(): string {
  const rows = ['timestamp,consumption_kwh,temperature_c'];
  const start = Date.parse('2016-03-01T00:00:00Z');
  for (let t = 0; t < 50 * 24; t++) {
    const d = new Date(start + t * 3_600_000);
    const h = d.getUTCHours();
    const load = 1 + 0.5 * Math.sin((2 * Math.PI * (h - 6)) / 24) + 0.05 * Math.sin(t * 1.7);
    rows.push(`${d.toISOString().slice(0, 16)}Z,${load.toFixed(4)},${(8 + 4 * Math.sin((2 * Math.PI * (h - 9)) / 24)).toFixed(1)}`);
  }
  return rows.join('\n') + '\n';
}

describe('ggs forecast', () => {
  it('writes result.json and the tables with the baselines beside the model, and a scenario ggs solve re-runs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ggs-forecast-'));
    const csv = join(dir, 'meter.csv');
    await writeFile(csv, meterCsv());
    const out = join(dir, 'out'), scenario = join(dir, 'meter.ggs.json');
    const run = await ggs(['forecast', csv, '--model', 'elm', '--horizon', '24', '--test-days', '5', '--folds', '1', '--out', out, '--scenario-out', scenario]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/model +MAE +RMSE +MAPE % +accuracy \(100−MAPE\)/);
    expect(run.stdout).toMatch(/naive \(baseline\)/);
    expect(run.stdout).toMatch(/certificate +metrics recomputed/);
    const models = await readFile(join(out, 'models.csv'), 'utf8');
    expect(models.split('\n')[0]).toBe('model,baseline,mae,rmse,mape,accuracy,mapePoints,n,skillVsNaive,coverage');
    expect(models.split('\n').slice(1, 4).map((l) => l.split(',')[0])).toEqual(['naive', 'ridge', 'elm']);
    const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8'));
    expect(result.status).toBe('ok');
    expect(result.data.features.some((f: { name: string }) => f.name === 'w:temperature_c')).toBe(true);
    const predictions = (await readFile(join(out, 'predictions.csv'), 'utf8')).trim().split('\n');
    expect(predictions).toHaveLength(1 + 5 * 24);
    expect(predictions[0]).toBe('time,t,origin,actual,naive,naive_lo,naive_hi,ridge,ridge_lo,ridge_hi,elm,elm_lo,elm_hi');
    const folds = (await readFile(join(out, 'folds.csv'), 'utf8')).trim().split('\n');
    expect(folds[0]).toBe('start,end,startIso,lastTrainTarget,tuningLastTarget,selected,elmHidden,elmLambda');
    expect(folds).toHaveLength(2);
    const [start, , , lastTrain, lastTuning, selected] = folds[1]!.split(',');
    expect(Number(lastTrain)).toBeLessThan(Number(start));
    expect(Number(lastTuning)).toBeLessThan(Number(start));
    expect(selected!.length).toBeGreaterThan(0);
    // weather is observed up to the data's end only: no forecast after it, and the result says why
    expect(result.data.next).toBeNull();

    const solved = await ggs(['solve', scenario, '--option', 'testDays=5', '--option', 'folds=1', '--option', 'models=naive,ridge', '--option', 'selection=none', '--option', 'tuning=none', '--json']);
    expect(solved.code, solved.stderr).toBe(0);
    const again = JSON.parse(solved.stdout);
    expect(again.job).toBe('forecast');
    expect(again.data.models.map((m: { mae: number }) => m.mae)).toEqual(result.data.models.slice(0, 2).map((m: { mae: number }) => m.mae));
  });

  it('reports a bad row with its number and column, exits 2 and writes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ggs-forecast-'));
    const csv = join(dir, 'bad.csv');
    await writeFile(csv, 'timestamp,load\n2016-01-01T00:00Z,1\n2016-01-01T01:00Z,2\n2016-01-01T01:00Z,3\n2016-03-27T02:30,1\n');
    const run = await ggs(['forecast', csv, '--time-zone', 'Europe/Berlin', '--out', join(dir, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.csv: row 5, column timestamp: 2016-03-27T02:30 does not exist in Europe\/Berlin/);
    expect(await exists(join(dir, 'out', 'result.json'))).toBe(false);
  });

  it('turns the shipped household\'s forecast into a bus load profile of another scenario', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ggs-forecast-'));
    const into = join(dir, 'with-forecast.ggs.json');
    const run = await ggs(['forecast', join(repoRoot, 'assets/load/opsd_household_DE_KN_residential4_60min.csv'), '--model', 'elm', '--selection', 'none', '--tuning', 'none', '--test-days', '7', '--folds', '1', '--out', join(dir, 'out'), '--into', join(repoRoot, 'assets/scenarios/ieee33-day.ggs.json'), '--into-out', into, '--bus', '18']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Open Power System Data household file, CC BY 4\.0/);
    expect(run.stderr).toMatch(/profile forecast-load = .*'s forecast from 2017-02-09T11:00:00Z, driving bus 18/);
    const check = validateScenario(JSON.parse(await readFile(into, 'utf8')));
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    const profile = check.value.profiles.find((p) => p.id === 'forecast-load')!;
    expect(profile.kind).toBe('load');
    expect(Math.max(...profile.values)).toBeCloseTo(1, 12);
    const bus = check.value.network.buses.find((b) => b.id === '18')!;
    expect(bus.loadProfile).toBe('forecast-load');
    const next = (await readFile(join(dir, 'out', 'next.csv'), 'utf8')).trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
    expect(bus.pdKw).toBeCloseTo(Math.max(...next.slice(0, check.value.time.T)), 9);
  });
});
