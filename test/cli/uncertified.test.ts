/**
 * `ggs` never lets an uncertified answer pass for `ok`: `solve` exits 4 with
 * the reason, and `sweep` records each point's certificate summary and counts
 * the uncertified points; a whole-number parameter sweeps exactly.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobResult } from '../../solver/contract.ts';
import type { StudyResult } from '../../solver/whatif/result.ts';
import { ggs, repoRoot } from './support/ggs.ts';

const lot = join(repoRoot, 'assets/scenarios/ev-parking-lot.ggs.json');
const SEED = 'evFleets[id=lot].generator.seed';
const kdaSample = join(repoRoot, 'assets/scenarios/k-double-auction.ggs.json');

describe('uncertified answers on the command line', () => {
  it('solve: a kda stopped after one sweep away from its equilibrium exits 4, status uncertified, with the certificate and the reason', async () => {
    const run = await ggs(['solve', kdaSample, '--job', 'kda', '--set', 'kda.k=0.3', '--option', 'maxIterations=1', '--json']);
    expect(run.code).toBe(4);
    const result = JSON.parse(run.stdout) as JobResult<'kda'>;
    expect(result.status).toBe('uncertified');
    expect(result.verdict).toMatchObject({ certified: false, measure: 'largest deviation gain', tolerance: 1e-9 });
    expect(result.certificate!.maxDeviationGain).toBeGreaterThan(1e-9);
    expect(result.data).not.toBeNull();
    expect(run.stderr).toMatch(/uncertified: NOT an ε-equilibrium for ε = 1e-9: .* did not settle/);
  }, 120_000);

  it('solve: the same auction with its default sweeps is certified, exit 0', async () => {
    const run = await ggs(['solve', kdaSample, '--job', 'kda', '--set', 'kda.k=0.3', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as JobResult<'kda'>).verdict?.certified).toBe(true);
  }, 120_000);

  it('sweep: whole-number seeds 30:34:5 are exact, every point records certified yes/no and its gain, the summary counts them', async () => {
    const out = await mkdtemp(join(tmpdir(), 'ggs-uncertified-'));
    const run = await ggs(['sweep', lot, '--job', 'ev-bayesian', '--param', SEED, '--values', '30:34:5', '--output', 'v2vKwh', '--workers', '1', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8')) as StudyResult;
    expect(result.points.map((p) => p.values[SEED])).toEqual([30, 31, 32, 33, 34]);
    // seed 33 is certified with one type mixing across its best-response jump (docs/models/bayes.md)
    expect(result.points.map((p) => p.outputs['certificate.certified'])).toEqual([1, 1, 1, 1, 1]);
    for (const p of result.points) expect(p.outputs['certificate.value']).toBeLessThanOrEqual(1e-6);
    expect(run.stderr).toMatch(/certificates: 5 of 5 points certified, 0 uncertified/);
  }, 240_000);

  it('sweep: a fractional step over a whole-number field is refused with the STEPS that would do', async () => {
    const out = await mkdtemp(join(tmpdir(), 'ggs-uncertified-'));
    const run = await ggs(['sweep', lot, '--job', 'ev-bayesian', '--param', SEED, '--values', '1:40:30', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/holds whole numbers only, and 1:40:30 steps by 1\.34483; choose STEPS so that \(TO − FROM\)\/\(STEPS − 1\) is whole \(STEPS = 2, 4, 14, 40\)/);
  }, 60_000);
});
