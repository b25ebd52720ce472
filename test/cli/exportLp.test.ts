/**
 * `ggs export-lp`: the opf LP as a CPLEX-LP file that another solver reads to
 * the same optimum, and the refusals (a job without an LP, an existing file).
 */
import { describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ggs, repoRoot } from './support/ggs.ts';
import { loadLpBackend } from '../../solver/lp/backend.ts';
import { parseCplexLp } from '../../solver/lp/lpFormat.ts';

vi.setConfig({ testTimeout: 60_000 });
const der = join(repoRoot, 'assets/scenarios/ieee33-der.ggs.json');

describe('ggs export-lp', () => {
  it('writes the opf LP of the DER sample, which HiGHS re-reads to the cost glpk finds for the job', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'ggs-lp-')), 'der.lp');
    const run = await ggs(['export-lp', der, '--job', 'opf', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^opf LP of .*ieee33-der\.ggs\.json → .*der\.lp: 3461 rows, 3072 columns, 9192 non-zeros\n$/);
    const highs = await loadLpBackend('highs');
    const solution = highs.solve(parseCplexLp(await readFile(out, 'utf8')));
    expect(solution.status).toBe('optimal');
    expect(solution.objective).toBeCloseTo(4209.9006817913, 6);
  });

  it("without --job exports the scenario's own job (metadata.job): the DER sample's OPF; the IEEE 33 sample's power flow has no LP", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ggs-lp-'));
    const run = await ggs(['export-lp', der, '--out', join(dir, 'der.lp')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^opf LP of .*: 3461 rows/);
    const pf = await ggs(['export-lp', join(repoRoot, 'assets/scenarios/ieee33.ggs.json'), '--out', join(dir, 'pf.lp')]);
    expect(pf.code).toBe(2);
    expect(pf.stderr).toMatch(/--job powerflow: this job solves no LP/);
  });

  it('refuses a job kind that solves no LP, and an existing file without --force (exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ggs-lp-'));
    const noLp = await ggs(['export-lp', der, '--job', 'powerflow', '--out', join(dir, 'pf.lp')]);
    expect(noLp.code).toBe(2);
    expect(noLp.stderr).toMatch(/--job powerflow: this job solves no LP; jobs with one: opf/);
    const existing = join(dir, 'there.lp');
    await writeFile(existing, 'keep me');
    const refused = await ggs(['export-lp', der, '--job', 'opf', '--out', existing]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists \(add --force to replace it\)/);
    expect(await readFile(existing, 'utf8')).toBe('keep me');
  });

  it('never writes over its input scenario, even with --force', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ggs-lp-'));
    const input = join(dir, 'der.ggs.json');
    await writeFile(input, await readFile(der));
    const run = await ggs(['export-lp', input, '--job', 'opf', '--out', input, '--force']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--out ${input}: would overwrite the input ${input}`);
    expect(await readFile(input, 'utf8')).toBe(await readFile(der, 'utf8'));
  });
});
