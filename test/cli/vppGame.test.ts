/**
 * `ggs solve --job vpp-game` and `ggs export-lp --job vpp-game` end to end on
 * the three-VPP sample: the documented result.json, and the exported
 * potential QP solved by HiGHS straight from the file to the potential the
 * job reports.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import loadHighs from 'highs';
import type { JobResult } from '../../solver/contract.ts';
import { MONEY_SCALE } from '../../solver/vpp/dispatch.ts';
import { ggs, repoRoot } from './support/ggs.ts';

const sample = join(repoRoot, 'assets/scenarios/three-vpps.ggs.json');

describe('ggs with the vpp-game job', () => {
  it('solve --json prints the equilibrium, its certificate, the potential check and the iterations; export-lp writes the potential QP', async () => {
    const run = await ggs(['solve', sample, '--job', 'vpp-game', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as JobResult<'vpp-game'>;
    expect(result.status).toBe('ok');
    const d = result.data!;
    expect(d.equilibrium.map((v) => v.id)).toEqual(['campus', 'civic', 'school']);
    for (const v of d.equilibrium) expect(v.q).toHaveLength(24);
    expect(d.price).toHaveLength(24);
    expect(d.iterations.length).toBe(result.certificate!.sweeps);
    expect(result.certificate!.maxRelativeDeviationGain).toBeLessThanOrEqual(1e-6);
    expect(d.potentialCheck!.maxQuantityDiffKw).toBeLessThan(1e-4);

    const out = join(await mkdtemp(join(tmpdir(), 'ggs-vpp-')), 'potential.lp');
    const exported = await ggs(['export-lp', sample, '--job', 'vpp-game', '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    const highs = await loadHighs();
    const solved = highs.solve(await readFile(out, 'utf8'), { presolve: 'off' });
    expect(solved.Status).toBe('Optimal');
    // the file minimises −Φ in milli-units
    expect(-solved.ObjectiveValue / MONEY_SCALE).toBeCloseTo(d.potentialCheck!.potentialMaximum, 5);
  }, 180_000);
});
