/**
 * `ggs sweep` and `ggs merge` end to end, through the real launcher and
 * worker threads: a sweep split in two shards and merged equals the
 * unsharded sweep, and usage errors exit 2 naming what is wrong.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { comparablePart, type StudyResult } from '../../solver/whatif/result.ts';
import { faultyWorker, ggs, repoRoot } from './support/ggs.ts';

const sample = join(repoRoot, 'assets/scenarios/ieee33.ggs.json');
const sweepArgs = ['sweep', sample, '--job', 'powerflow', '--param', 'network.loadScale', '--values', '0.5:1.5:11', '--workers', '1'];
const readResult = async (dir: string) => JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')) as StudyResult;

describe('ggs sweep sharded in two and merged', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'ggs-sweep-'));
  });

  it('gives the same numbers as the unsharded sweep, and its point at 1.0 equals ggs solve', async () => {
    const [whole, s0, s1] = await Promise.all([
      ggs([...sweepArgs, '--out', join(tmp, 'whole')]),
      ggs([...sweepArgs, '--shard', '0/2', '--out', join(tmp, 's0')]),
      ggs([...sweepArgs, '--shard', '1/2', '--out', join(tmp, 's1')]),
    ]);
    for (const run of [whole, s0, s1]) expect(run.code, run.stderr).toBe(0);
    const merge = await ggs(['merge', join(tmp, 's0'), join(tmp, 's1'), '--out', join(tmp, 'merged')]);
    expect(merge.code, merge.stderr).toBe(0);

    const wholeResult = await readResult(join(tmp, 'whole'));
    expect(wholeResult.points).toHaveLength(11);
    expect((await readResult(join(tmp, 's0'))).points.map((p) => p.index)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(comparablePart(await readResult(join(tmp, 'merged')))).toEqual(comparablePart(wholeResult));
    expect(await readFile(join(tmp, 'merged', 'points.csv'), 'utf8')).toBe(await readFile(join(tmp, 'whole', 'points.csv'), 'utf8'));

    const solve = await ggs(['solve', sample, '--job', 'powerflow', '--json']);
    const single = JSON.parse(solve.stdout);
    const atOne = wholeResult.points[5]!;
    expect(atOne.values).toEqual({ 'network.loadScale': 1 });
    expect(atOne.scenarioHash).toBe(single.scenarioHash);
    expect(atOne.outputs.peakLossesKw).toBe(single.data.summary.peakLossesKw.kw);
    expect(atOne.outputs.minVoltagePu).toBe(single.data.summary.minVoltage.vmPu);
  }, 120_000);

  it('--warm-start chains the points along the sweep and agrees with the cold run within the power-flow tolerance', async () => {
    const run = await ggs([...sweepArgs, '--warm-start', '--out', join(tmp, 'warm')]);
    expect(run.code, run.stderr).toBe(0);
    const warm = await readResult(join(tmp, 'warm'));
    const cold = await readResult(join(tmp, 'whole'));
    // one worker: each point starts from the one before it
    expect(warm.points.map((p) => p.warmStartFrom)).toEqual([undefined, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    warm.points.forEach((p, k) => {
      expect(p.status).toBe('ok');
      expect(Math.abs((p.outputs.minVoltagePu as number) - (cold.points[k]!.outputs.minVoltagePu as number))).toBeLessThan(1e-7);
    });
  }, 120_000);

  it('refuses to merge when a shard is left out', async () => {
    const run = await ggs(['merge', join(tmp, 's0'), '--out', join(tmp, 'partial')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot merge: 5 of 11 points are missing (1, 3, 5, 7, 9); the parts given are shards 0/2: is a shard left out?');
  });
});

describe('ggs sweep interrupted', () => {
  it('Ctrl+C cancels the running points, exits 130 with its workers stopped, and leaves a partial result naming every point', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'ggs-sweep-int-')), 'out');
    let running = 0;
    let sentAt = 0;
    const run = await ggs([...sweepArgs.slice(0, -1), '2', '--out', out], {
      // this worker runs each job until it is cancelled
      env: { GGS_WORKER_ENTRY: faultyWorker, GGS_FIXTURE_FAULT: 'cooperative' },
      onStderr: (child, stderr) => {
        running = stderr.split('fixture: running').length - 1;
        if (!sentAt && running === 2) {
          sentAt = performance.now();
          child.kill('SIGINT');
        }
      },
    });
    expect(running).toBe(2); // both workers were busy, no third point started
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/^interrupted: wrote a partial result, 11 of 11 points are missing \(0, 1, 2, .*--resume /m);
    // the process can only exit once the pool has closed its worker threads
    expect(performance.now() - sentAt).toBeLessThan(3_000);
    const partial = await readResult(out);
    expect(partial.missing).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(partial.points.every((p) => p.status === 'cancelled')).toBe(true);
  });

  it('SIGTERM after some points: exit 143 within a second, a partial result, and --resume finishes it to the uninterrupted result', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'ggs-sweep-term-'));
    const args = [...sweepArgs.slice(0, 7), '0.5:1.5:2000', '--workers', '1'];
    const journal = join(tmp, 'cut', 'points.jsonl');
    let sentAt = 0;
    const cut = await ggs([...args, '--out', join(tmp, 'cut')], {
      onSpawn: (child) => {
        const poll = setInterval(() => {
          void readFile(journal, 'utf8').then(
            (text) => {
              // the header and at least 20 points are on disk
              if (sentAt || text.split('\n').length < 22) return;
              sentAt = performance.now();
              clearInterval(poll);
              child.kill('SIGTERM');
            },
            () => undefined,
          );
        }, 20);
        child.on('close', () => clearInterval(poll));
      },
    });
    const exitMs = performance.now() - sentAt;
    expect(sentAt, 'the sweep ended before it was signalled').toBeGreaterThan(0);
    expect(cut.code, cut.stderr).toBe(143);
    expect(exitMs).toBeLessThan(1_000);
    expect(cut.stderr).toMatch(/^terminated: wrote a partial result, \d+ of 2000 points are missing/m);
    const partial = await readResult(join(tmp, 'cut'));
    const saved = (await readFile(journal, 'utf8')).trim().split('\n').length - 1;
    expect(saved).toBeGreaterThanOrEqual(20);
    // every point is either finished (and journaled) or listed as missing
    expect(partial.missing!.length).toBe(2000 - saved);
    expect(partial.points.filter((p) => p.status === 'ok')).toHaveLength(saved);

    const resumed = await ggs([...args, '--resume', join(tmp, 'cut')]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`resuming: ${saved} points already in`);
    const whole = await ggs([...args, '--out', join(tmp, 'whole')]);
    expect(whole.code, whole.stderr).toBe(0);
    // the same file, but for the wall times
    expect(await readFile(join(tmp, 'cut', 'points.csv'), 'utf8')).toBe(await readFile(join(tmp, 'whole', 'points.csv'), 'utf8'));
    const withoutTimings = async (dir: string) => JSON.stringify(comparablePart(await readResult(dir)), null, 2);
    expect(await withoutTimings(join(tmp, 'cut'))).toBe(await withoutTimings(join(tmp, 'whole')));
  }, 120_000);

  it('a ggs whose wrapper dies (an npx killed by SIGTERM does not pass it on) stops as if terminated, leaving a partial result', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'ggs-sweep-orphan-'));
    const out = join(tmp, 'out');
    // a wrapper shell that runs ggs as its child, as npm exec does (and with the variable npm sets), and is then killed outright
    const cmd = [process.execPath, join(repoRoot, 'bin/ggs.mjs'), ...sweepArgs.slice(0, 7), '0.5:1.5:20000', '--workers', '1', '--out', out].map((a) => `'${a}'`).join(' ');
    const wrapper = spawn('sh', ['-c', `${cmd} & wait`], { cwd: repoRoot, stdio: 'ignore', env: { ...process.env, npm_command: 'exec' } });
    const journal = join(out, 'points.jsonl');
    for (let i = 0; i < 600 && (await readFile(journal, 'utf8').catch(() => '')).split('\n').length < 12; i++) await new Promise((r) => setTimeout(r, 50));
    wrapper.kill('SIGKILL');
    let partial: StudyResult | null = null;
    for (let i = 0; i < 100 && !partial; i++) {
      await new Promise((r) => setTimeout(r, 100));
      partial = await readResult(out).catch(() => null);
    }
    expect(partial?.missing?.length).toBeGreaterThan(0);
    expect(partial!.points.filter((p) => p.status === 'ok').length).toBe(20_000 - partial!.missing!.length);
  }, 120_000);

  it('--resume refuses a folder holding another study, and --out refuses to replace a result without --force', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'ggs-sweep-resume-'));
    expect((await ggs([...sweepArgs, '--out', tmp])).code).toBe(0);
    const other = await ggs([...sweepArgs.slice(0, 7), '0.5:1.5:12', '--workers', '1', '--resume', tmp]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(`--resume ${tmp}: holds another study (a different study design (parameters or values))`);
    const again = await ggs([...sweepArgs, '--out', tmp]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`--out ${tmp}: already holds result.json, points.csv, points.jsonl (add --force to replace them, or --resume DIR to finish the points it lacks)`);
    expect((await ggs([...sweepArgs, '--out', tmp, '--force'])).code).toBe(0);
  }, 60_000);

  it('ggs merge accepts a partial shard and says which points are missing', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'ggs-merge-partial-'));
    const shard = (i: number) => [...sweepArgs, '--shard', `${i}/2`, '--out', join(tmp, `s${i}`)];
    expect((await ggs(shard(0))).code).toBe(0);
    // shard 1 interrupted before any point finished
    const cut = await ggs([...sweepArgs.slice(0, 9), '2', '--shard', '1/2', '--out', join(tmp, 's1')], {
      env: { GGS_WORKER_ENTRY: faultyWorker, GGS_FIXTURE_FAULT: 'cooperative' },
      onStderr: (child, stderr) => {
        if (stderr.includes('fixture: running') && !child.killed) child.kill('SIGTERM');
      },
    });
    expect(cut.code).toBe(143);
    const merge = await ggs(['merge', join(tmp, 's0'), join(tmp, 's1'), '--out', join(tmp, 'merged')]);
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stderr).toContain('partial: 5 of 11 points are missing (1, 3, 5, 7, 9), from the interrupted shard 1/2');
    const merged = await readResult(join(tmp, 'merged'));
    expect(merged.missing).toEqual([1, 3, 5, 7, 9]);
    expect(merged.points.map((p) => p.status)).toEqual(['ok', 'cancelled', 'ok', 'cancelled', 'ok', 'cancelled', 'ok', 'cancelled', 'ok', 'cancelled', 'ok']);
    // the merged result is not replaced without --force, nor written into one of the parts
    const again = await ggs(['merge', join(tmp, 's0'), join(tmp, 's1'), '--out', join(tmp, 'merged')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`--out ${join(tmp, 'merged')}: already holds result.json, points.csv (add --force to replace them`);
    const into = await ggs(['merge', join(tmp, 's0'), join(tmp, 's1'), '--out', join(tmp, 's0', 'all')]);
    expect(into.code).toBe(2);
    expect(into.stderr).toContain(`is or lies inside the input ${join(tmp, 's0')}`);
    // a merged result has no journal: it cannot be resumed, and --resume does not replace it
    const resumeMerged = await ggs([...sweepArgs, '--resume', join(tmp, 'merged')]);
    expect(resumeMerged.code).toBe(2);
    expect(resumeMerged.stderr).toContain(`--resume ${join(tmp, 'merged')}: holds a result.json but no points.jsonl to resume from`);
  }, 60_000);
});

describe('ggs sweep usage errors → exit 2', () => {
  it.each([
    [['--values', '0.5:1.5'], '--values cannot read values "0.5:1.5": expected FROM:TO:STEPS'],
    [['--param', 'network.buses[id=99].pdKw'], 'network.buses[id=99].pdKw: cannot be swept: network.buses has no item with id "99"'],
    [['--shard', '2/2'], 'cannot read shard "2/2"'],
    [['--output', 'lossKw'], 'unknown output "lossKw" for job powerflow'],
  ])('%j', async (change, message) => {
    const args = [...sweepArgs, '--out', join(tmpdir(), 'ggs-never-written')];
    for (let k = 0; k < change.length; k += 2) {
      const at = args.indexOf(change[k]!);
      if (at >= 0) args[at + 1] = change[k + 1]!;
      else args.push(change[k]!, change[k + 1]!);
    }
    const run = await ggs(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
