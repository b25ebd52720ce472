/**
 * Every `ggs` command the README and docs/ show is run, so none can drift from
 * the CLI: the lines of fenced ```sh blocks that start with `npx ggs`, `ggs`
 * or `npm run cli --`, and the `$ ggs …` lines of transcript blocks (a
 * command followed by the output it prints). Each runs in a shell, in a
 * scratch folder per document that sees the repository's assets/ (so what a
 * command writes stays there), through the compiled CLI (bin/ggs.mjs), one
 * after the other (a merge needs the sweeps before it). The exit code must be
 * 0, or what a trailing `# exit N` comment says.
 *
 * Not run: ```bash and ```yaml blocks (scripts for other machines: Slurm, CI,
 * with their variables and files), usage synopses (no `$`, placeholders such
 * as FILE), and the commands in NOT_RUN below, each with its reason.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/support/ggs.ts';

/** Commands shown but not run, with why; an entry that matches no command fails the test (no stale excuses). */
const NOT_RUN: Record<string, string> = {
  'ggs validate broken.ggs.json': 'illustrates the messages of an invalid file the docs do not ship; test/cli/cli.test.ts checks those messages',
  'ggs validate truncated.ggs.json': 'illustrates the message of malformed JSON; test/cli/cli.test.ts checks it',
};

interface DocCommand {
  doc: string;
  line: number;
  /** as written in the doc, without a leading `$ ` */
  shown: string;
  expectedExit: number;
}

const COMMAND = /^(npx ggs|ggs|npm run cli --)(\s|$)/;

/** The runnable commands of one Markdown file, in order. */
function docCommands(doc: string, text: string): DocCommand[] {
  const out: DocCommand[] = [];
  let fence: string | null = null;
  text.split('\n').forEach((raw, i) => {
    const open = /^```(\S*)/.exec(raw);
    if (open) {
      fence = fence === null ? open[1]! : null;
      return;
    }
    if (fence === null) return;
    const transcript = raw.startsWith('$ ');
    if (fence !== 'sh' && !transcript) return;
    if (['bash', 'yaml'].includes(fence)) return;
    const shown = (transcript ? raw.slice(2) : raw).trim();
    if (!COMMAND.test(shown)) return;
    const exit = /#\s*exit (\d+)\s*$/.exec(shown);
    out.push({ doc, line: i + 1, shown, expectedExit: exit ? Number(exit[1]) : 0 });
  });
  return out;
}

const docs = ['README.md', ...readdirSync(join(repoRoot, 'docs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)].sort();
const commands = docs.flatMap((doc) => docCommands(doc, readFileSync(join(repoRoot, doc), 'utf8')));
const runnable = commands.filter((c) => !(c.shown.replace(/^npx |^npm run cli -- /, '') in NOT_RUN));

/** A folder with `ggs` (the repository's launcher) on PATH and assets/ beside, to run a doc's commands in. */
function scratch(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'ggs-docs-'));
  symlinkSync(join(repoRoot, 'assets'), join(dir, 'assets'));
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'ggs'), `#!/bin/sh\nexec "${process.execPath}" "${join(repoRoot, 'bin/ggs.mjs')}" "$@"\n`);
  chmodSync(join(bin, 'ggs'), 0o755);
  return { dir, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } };
}

describe('the commands in README.md and docs/', () => {
  it('are found (the README alone shows ten) and NOT_RUN names only commands that exist', () => {
    expect(commands.filter((c) => c.doc === 'README.md').length).toBeGreaterThanOrEqual(10);
    const shown = new Set(commands.map((c) => c.shown.replace(/^npx |^npm run cli -- /, '')));
    expect(Object.keys(NOT_RUN).filter((c) => !shown.has(c))).toEqual([]);
  });

  for (const doc of [...new Set(runnable.map((c) => c.doc))]) {
    describe(doc, () => {
      const { dir, env } = scratch();
      afterAll(() => rmSync(dir, { recursive: true, force: true }));
      for (const c of runnable.filter((r) => r.doc === doc)) {
        it(`line ${c.line}: ${c.shown}`, () => {
          // `npx ggs` and `npm run cli --` start the same launcher; calling it directly keeps npm's own ≈ 1 s out
          const command = c.shown.replace(/^npx ggs|^npm run cli --/, 'ggs');
          const run = spawnSync('/bin/sh', ['-c', command], { cwd: dir, env, encoding: 'utf8' });
          expect(run.status, `${command}\n${run.stderr}`).toBe(c.expectedExit);
        }, 120_000);
      }
    });
  }
});
