/**
 * `ggs train`: checkpoints written (final and every K episodes) in the
 * documented format, a checkpoint resumed, `ggs solve --policy` evaluating
 * saved actors to the numbers the training run reported, and bad
 * checkpoints refused with exit 2. Tiny: three households, two episodes.
 * The ADN operator (SAC) trains through the same command: its actor is the
 * checkpoint, and resuming from it with no episodes re-evaluates it.
 */
import { describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ggs, repoRoot } from './support/ggs.ts';

vi.setConfig({ testTimeout: 180_000 });
const sample = join(repoRoot, 'assets/scenarios/community-learning.ggs.json');
const tiny = ['--set', 'learning.households=3', '--option', 'knownOptimumEpisodes=0', '--option', 'hidden=[8]', '--option', 'updateEvery=16'];

describe('ggs train', () => {
  it('writes checkpoints that resume and that ggs solve --policy evaluates to the same numbers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ggs-train-'));
    const out = join(dir, 'run');
    const run = await ggs(['train', sample, ...tiny, '--episodes', '2', '--seeds', '2', '--every', '1', '--checkpoint', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/truthful +-?\d/);
    const final = JSON.parse(await readFile(join(out, 'policy.json'), 'utf8'));
    expect(final).toMatchObject({ format: 'ggs-policy', version: 1, episode: 2, seeds: [1, 2] });
    expect(final.policies).toHaveLength(2);
    expect(final.policies[0].spec).toEqual({ inputs: 5, hidden: [8], outputs: 1, output: 'tanh' });
    const early = JSON.parse(await readFile(join(out, 'policy-episode-0001.json'), 'utf8'));
    expect(early.episode).toBe(1);
    expect(early.policies[0].weights).not.toEqual(final.policies[0].weights);
    const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8'));
    expect((await readFile(join(out, 'curves.csv'), 'utf8')).split('\n')[0]).toContain('savingMean,savingLo,savingHi,truthfulSaving');

    // evaluating the saved actors reproduces the training run's evaluation
    const evaluated = await ggs(['solve', sample, '--set', 'learning.households=3', '--policy', join(out, 'policy.json'), '--json']);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    const again = JSON.parse(evaluated.stdout);
    expect(again.data.episodes).toBe(0);
    again.data.evaluation.learned.forEach((o: { bills: number }, i: number) => expect(o.bills).toBeCloseTo(result.data.evaluation.learned[i].bills, 9));

    // resuming trains on from the saved actors
    const resumed = await ggs(['train', sample, ...tiny.slice(0, 4), '--option', 'updateEvery=16', '--episodes', '1', '--seeds', '2', '--resume', join(out, 'policy.json'), '--checkpoint', join(dir, 'run2')]);
    expect(resumed.code, resumed.stderr).toBe(0);

    // a file that is not a checkpoint: exit 2, named
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ format: 'something' }));
    const refused = await ggs(['solve', sample, '--policy', bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('not a policy checkpoint');
    // an existing checkpoint folder is not overwritten without --force
    const again2 = await ggs(['train', sample, ...tiny, '--episodes', '1', '--seeds', '1', '--checkpoint', out]);
    expect(again2.code).toBe(2);
    expect(again2.stderr).toContain('--force');
  });

  it('trains the adn-operator job: its SAC actor is the checkpoint that --resume reads back', async () => {
    const classroom = join(repoRoot, 'assets/scenarios/classroom-microgrids.ggs.json');
    const dir = await mkdtemp(join(tmpdir(), 'ggs-train-adn-'));
    const out = join(dir, 'run');
    const run = await ggs(['train', classroom, '--job', 'adn-operator', '--episodes', '3', '--option', 'oraclePoints=0', '--checkpoint', out]);
    expect(run.code, run.stderr).toBe(0);
    const saved = JSON.parse(await readFile(join(out, 'policy.json'), 'utf8'));
    expect(saved).toMatchObject({ format: 'ggs-sac-policy', version: 1 });
    const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8'));
    expect(result.job).toBe('adn-operator');
    expect(saved.policy).toEqual(result.data.policy);
    expect((await readFile(join(out, 'curve.csv'), 'utf8')).split('\n')).toHaveLength(3 + 2); // header, 3 episodes, final newline

    // resuming with no episodes evaluates the saved actor: the same learned tariff
    const again = await ggs(['train', classroom, '--job', 'adn-operator', '--episodes', '0', '--option', 'oraclePoints=0', '--resume', join(out, 'policy.json'), '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).data.learned.adders).toEqual(result.data.learned.adders);

    // options that only the community bidders have are refused, named
    const refused = await ggs(['train', classroom, '--job', 'adn-operator', '--seeds', '2']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--seeds: not for the adn-operator job');
    const notLearning = await ggs(['train', classroom, '--job', 'mg-bargaining']);
    expect(notLearning.code).toBe(2);
  });
});
