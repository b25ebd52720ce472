/**
 * `ggs solve --job dlmp-learn`: result.json and tables written, the saved
 * surrogate read back with `--surrogate` (no fitting, the same weights),
 * and bad uses refused with exit 2. Tiny: two periods, 40 samples, no
 * training steps beyond the replay warm-up.
 */
import { describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ggs, repoRoot } from './support/ggs.ts';

vi.setConfig({ testTimeout: 180_000 });
const sample = join(repoRoot, 'assets/scenarios/ieee33-der.ggs.json');
const tiny = ['--job', 'dlmp-learn', '--option', 'periods=[3,18]', '--option', 'samples=40', '--option', 'surrogateEpochs=20', '--option', 'surrogateHidden=[8]', '--option', 'episodes=2', '--option', 'evalLoads=1', '--option', 'bestResponseGrid=4', '--option', 'surrogateTolerance=0.5'];

describe('ggs solve --job dlmp-learn', () => {
  it('writes the surrogate with the result and prices with it again through --surrogate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ggs-dlmp-'));
    const out = join(dir, 'run');
    const run = await ggs(['solve', sample, ...tiny, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/surrogate +8 network fitted on 32 OPF solves/);
    expect(run.stdout).toMatch(/Nash \(BR\)/);
    const first = JSON.parse(await readFile(join(out, 'result.json'), 'utf8'));
    expect((await readFile(join(out, 'evaluation.csv'), 'utf8')).split('\n')[0]).toMatch(/^period,load,surrogateQ1/);
    const again = await ggs(['solve', sample, ...tiny, '--surrogate', join(out, 'result.json'), '--json']);
    expect(again.code, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout);
    expect(second.data.surrogate.fitted).toBe(false);
    expect(second.data.surrogate.weights).toEqual(first.data.surrogate.weights);

    // the same tiny surrogate held to a tolerance it misses: solved, not certified (exit 4)
    const strict = await ggs(['solve', sample, ...tiny, '--surrogate', join(out, 'result.json'), '--option', 'surrogateTolerance=0.001']);
    expect(strict.code).toBe(4);
    expect(strict.stderr).toMatch(/held-out error [\d.]+ is above 0.001/);

    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ net: { spec: {} } }));
    const refused = await ggs(['solve', sample, ...tiny, '--surrogate', bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not a DLMP surrogate/);
    const wrongJob = await ggs(['solve', sample, '--job', 'opf', '--surrogate', join(out, 'result.json')]);
    expect(wrongJob.code).toBe(2);
    expect(wrongJob.stderr).toMatch(/only the dlmp-learn job/);
  });
});
