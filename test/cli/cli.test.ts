/**
 * `ggs` as a user meets it: bad files and bad usage exit 2 with a path-qualified
 * message and leave the input untouched; job outcomes map to exit codes.
 * Jobs here run in the fault-injecting fixture worker (GGS_WORKER_ENTRY), so
 * these tests need no real solver; test/cli/solve.test.ts runs the power flow.
 */
import { describe, expect, it, vi } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bytes, faultyWorker, fixture, ggs, scratchCopy } from './support/ggs.ts';
import { VERSION } from '../../solver/version.ts';
import { setAtPath } from '../../solver/scenario/paths.ts';

// Each test starts Node and the compiled CLI (≈ 0.2 s, more on a busy machine).
vi.setConfig({ testTimeout: 60_000 });

type Edit = (doc: unknown, text: string) => unknown;
const set = (path: string, value: unknown): Edit => (doc) => setAtPath(doc, path, value);

/** A copy of tiny.ggs.json changed by `edit`, written as text (so it may be malformed). */
async function brokenScenario(edit: Edit): Promise<string> {
  const { file } = await scratchCopy('scenarios/tiny.ggs.json');
  const text = await readFile(file, 'utf8');
  const out = edit(JSON.parse(text), text);
  await writeFile(file, typeof out === 'string' ? out : JSON.stringify(out, null, 2));
  return file;
}

const badFiles: { what: string; edit: Edit; expected: RegExp }[] = [
  {
    what: 'malformed JSON',
    edit: (_doc, text) => text.slice(0, text.length / 2),
    expected: /^\S*tiny\.ggs\.json: the file is not valid JSON \(line \d+, column \d+\)/m,
  },
  {
    what: 'a wrong type',
    edit: set('network.buses[1].pdKw', 'lots'),
    expected: /^network\.buses\[1\]\.pdKw: must be a number, not the text "lots"$/m,
  },
  {
    what: 'a dangling bus reference',
    edit: set('network.lines[1].to', '34'),
    expected: /^network\.lines\[1\]\.to: bus "34" does not exist$/m,
  },
  {
    what: 'a dangling profile reference',
    edit: set('network.buses[2].loadProfile', 'night'),
    expected: /^network\.buses\[2\]\.loadProfile: profile "night" does not exist$/m,
  },
  {
    what: 'a missing required field',
    edit: (doc) => {
      const { substation: _, ...network } = (doc as { network: Record<string, unknown> }).network;
      return setAtPath(doc, 'network', network);
    },
    expected: /^network\.substation: is required$/m,
  },
  { what: 'a JSON list instead of a scenario', edit: () => '[1, 2]', expected: /a scenario must be a JSON object/ },
  {
    what: 'a newer schema version',
    edit: set('schemaVersion', 2),
    expected: /^schemaVersion: version 2 was written by a newer GridGame Studio/m,
  },
];

describe('ggs with a bad scenario file', () => {
  // solve shares validate's reading path: it gets the four kinds the issue names
  const cases = { validate: badFiles, solve: badFiles.filter((c) => /malformed|wrong type|dangling bus|missing/.test(c.what)) };
  for (const command of [['validate'], ['solve', '--job', 'powerflow']]) {
    it.concurrent.each(cases[command[0] as keyof typeof cases])(`${command[0]}: $what → exit 2, a path-qualified message, input byte-identical`, async ({ edit, expected }) => {
      const file = await brokenScenario(edit);
      const before = await bytes(file);
      const run = await ggs([command[0]!, file, ...command.slice(1)]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(expected);
      expect(run.stdout).toBe('');
      expect(await bytes(file)).toEqual(before);
    });
  }

  it.concurrent('validate lists every problem, one "path: message" line each', async () => {
    const file = await brokenScenario((doc) => setAtPath(setAtPath(doc, 'network.lines[1].to', '34'), 'network.lines[0].from', '0'));
    const run = await ggs(['validate', file]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual(['network.lines[0].from: bus "0" does not exist', 'network.lines[1].to: bus "34" does not exist']);
  });

  it.concurrent('a missing file → exit 2 naming the file', async () => {
    const run = await ggs(['validate', 'no/such/file.ggs.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^no\/such\/file\.ggs\.json: cannot read the file \(no such file\)$/m);
  });
});

describe('ggs validate', () => {
  it.concurrent('a valid scenario → exit 0 and a one-line description', async () => {
    const run = await ggs(['validate', fixture('scenarios/tiny.ggs.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/tiny\.ggs\.json: valid \("Three-bus feeder": 3 buses, 2 lines, 3 periods of 1 h\)/);
    expect(run.stderr).toBe('');
  });
});

describe('ggs usage errors → exit 2', () => {
  const tiny = fixture('scenarios/tiny.ggs.json');
  it.concurrent.each([
    ['an unknown job kind', ['solve', tiny, '--job', 'cournot'], /--job <kind>' argument 'cournot' is invalid\. Allowed choices are powerflow, opf/],
    ['no job kind, and none in the scenario', ['solve', tiny], /tiny\.ggs\.json: no --job given and the scenario names no job of its own \(metadata\.job\); choose one: --job powerflow\|opf\|vpp-game/],
    ['a sweep with no job kind, and none in the scenario', ['sweep', tiny, '--param', 'network.loadScale', '--values', '1,2', '--out', 'never'], /no --job given and the scenario names no job of its own/],
    ['an unknown option', ['solve', tiny, '--job', 'powerflow', '--frobnicate'], /unknown option '--frobnicate'/],
    ['an unknown backend', ['solve', tiny, '--job', 'powerflow', '--backend', 'cplex'], /--backend <name>' argument 'cplex' is invalid/],
    ['a fractional seed', ['solve', tiny, '--job', 'powerflow', '--seed', '1.5'], /--seed <n>' argument '1\.5' is invalid\. must be a whole number/],
    ['an unknown command', ['optimise', tiny], /unknown command 'optimise'/],
    ['no command at all', [], /Usage: ggs/],
  ])('%s', async (_what, args, expected) => {
    const run = await ggs(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(expected);
  });

  it.concurrent('--help and --version exit 0', async () => {
    const [help, version] = await Promise.all([ggs(['solve', '--help']), ggs(['--version'])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--set <path=value>/);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(VERSION);
  });
});

describe('ggs solve --set errors name the path', () => {
  it.concurrent.each([
    ['an index past the end', 'network.buses[7].pdKw=1', /^--set network\.buses\[7\]\.pdKw: network\.buses has 3 items, so \[7\] does not exist$/m],
    ['an unknown id', 'network.buses[id=nope].pdKw=1', /^--set network\.buses\[id=nope\]\.pdKw: network\.buses has no item with id "nope"$/m],
    ['an unknown field on the way', 'network.feeders[0].pdKw=1', /^--set network\.feeders\[0\]\.pdKw: network has no field "feeders"$/m],
    ['a value of the wrong type', 'network.buses[id=tail].pdKw=lots', /^network\.buses\[2\]\.pdKw: must be a number, not the text "lots"$/m],
    ['a field the schema does not know', 'network.buses[0].colour=red', /^network\.buses\[0\]: unknown field "colour"$/m],
    ['no "="', 'network.loadScale', /^--set network\.loadScale: expected PATH=VALUE/m],
    ['an unreadable selector', 'network.buses[first].pdKw=1', /^--set network\.buses\[first\]\.pdKw: cannot read selector \[first\]/m],
  ])('%s → exit 2, input byte-identical', async (_what, assignment, expected) => {
    const { file } = await scratchCopy('scenarios/tiny.ggs.json');
    const before = await bytes(file);
    const run = await ggs(['solve', file, '--job', 'powerflow', '--set', assignment], { env: { GGS_WORKER_ENTRY: faultyWorker } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).not.toMatch(/fixture: running/); // refused before any job started
    expect(await bytes(file)).toEqual(before);
  });
});

describe('ggs solve outcomes (fixture worker)', () => {
  const tiny = fixture('scenarios/tiny.ggs.json');
  const withFault = (fault: string) => ({ env: { GGS_WORKER_ENTRY: faultyWorker, GGS_FIXTURE_FAULT: fault } });

  it.concurrent('--json prints the worker\'s result on stdout and exits 0', async () => {
    const run = await ggs(['solve', tiny, '--job', 'powerflow', '--json'], withFault('ok'));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ job: 'powerflow', status: 'ok', version: 'fixture' });
  });

  it.concurrent('a crashed worker → exit 3 with the reason on stderr', async () => {
    const run = await ggs(['solve', tiny, '--job', 'powerflow'], withFault('throw'));
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/powerflow of .*tiny\.ggs\.json: failed/);
    expect(run.stderr).toMatch(/the solver worker crashed \(it threw: injected failure\)/);
  });

  it.concurrent('Ctrl+C (SIGINT) cancels the running job: exit 130 and "interrupted"', async () => {
    let sentAt = 0;
    const run = await ggs(['solve', tiny, '--job', 'powerflow'], {
      ...withFault('stubborn'),
      onStderr: (child, stderr) => {
        if (!sentAt && stderr.includes('fixture: running')) {
          sentAt = performance.now();
          child.kill('SIGINT');
        }
      },
    });
    const exitMs = performance.now() - sentAt;
    expect(sentAt).toBeGreaterThan(0);
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/^interrupted$/m);
    // the stubborn worker ignores cancel: the pool stops it after 150 ms; the process then exits
    expect(exitMs).toBeLessThan(2_000);
  });

  it.concurrent('SIGTERM (a batch scheduler\'s stop) cancels the running job: exit 143 and "terminated"', async () => {
    const run = await ggs(['solve', tiny, '--job', 'powerflow'], {
      ...withFault('cooperative'),
      onStderr: (child, stderr) => {
        if (stderr.includes('fixture: running') && !child.killed) child.kill('SIGTERM');
      },
    });
    expect(run.code).toBe(143);
    expect(run.stderr).toMatch(/^terminated$/m);
  });

  it.concurrent('--out refuses to replace the results already there without --force, and replaces them with it', async () => {
    const { dir } = await scratchCopy('scenarios/tiny.ggs.json');
    await writeFile(join(dir, 'result.json'), 'earlier results\n');
    const refused = await ggs(['solve', tiny, '--job', 'powerflow', '--out', dir], withFault('ok'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`--out ${dir}: already holds result.json (add --force to replace it)`);
    expect(await readFile(join(dir, 'result.json'), 'utf8')).toBe('earlier results\n');
    const forced = await ggs(['solve', tiny, '--job', 'powerflow', '--out', dir, '--force'], withFault('ok'));
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'result.json'), 'utf8'))).toMatchObject({ status: 'ok', version: 'fixture' });
  });

  it.concurrent('--out may not lie inside the input (a scenario given as a folder path is refused too)', async () => {
    const { file } = await scratchCopy('scenarios/tiny.ggs.json');
    const run = await ggs(['solve', file, '--job', 'powerflow', '--out', join(file, 'results')], withFault('ok'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--out ${join(file, 'results')}: is or lies inside the input ${file}`);
  });

  it.concurrent('--out refuses to write over the input file', async () => {
    const { dir } = await scratchCopy('scenarios/tiny.ggs.json');
    const input = join(dir, 'result.json');
    await writeFile(input, await readFile(tiny));
    const before = await bytes(input);
    const run = await ggs(['solve', input, '--job', 'powerflow', '--out', dir], withFault('ok'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--out .*: would overwrite the input file/);
    expect(await bytes(input)).toEqual(before);
  });

  it.concurrent('--out naming an existing file → exit 2', async () => {
    const { file } = await scratchCopy('scenarios/tiny.ggs.json');
    const run = await ggs(['solve', tiny, '--job', 'powerflow', '--out', file], withFault('ok'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/exists and is not a folder/);
  });
});

describe('ggs import matpower', () => {
  it.concurrent('refuses to replace an existing --out file without --force, leaving it untouched', async () => {
    const { file } = await scratchCopy('scenarios/tiny.ggs.json');
    const before = await bytes(file);
    const run = await ggs(['import', 'matpower', fixture('scenarios/tiny.ggs.json'), '--out', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/already exists \(add --force to replace it\)/);
    expect(await bytes(file)).toEqual(before);
  });

  it.concurrent('never writes over its input case, even with --force', async () => {
    const { file } = await scratchCopy('scenarios/tiny.ggs.json');
    const before = await bytes(file);
    const run = await ggs(['import', 'matpower', file, '--out', file, '--force']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/would overwrite the input/);
    expect(await bytes(file)).toEqual(before);
  });
});
