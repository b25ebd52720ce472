/** Runs the real `ggs` launcher (node bin/ggs.mjs) as a child process, as a user would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const fixture = (name: string) => join(repoRoot, 'test/fixtures', name);
export const faultyWorker = fixture('faultyWorker.ts');

export interface GgsRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface GgsOptions {
  env?: Record<string, string>;
  /** called with the child and its stderr so far, on every stderr chunk */
  onStderr?: (child: ChildProcess, stderr: string) => void;
  /** called once with the child, e.g. to watch its output folder and signal it */
  onSpawn?: (child: ChildProcess) => void;
}

export function ggs(args: string[], opts: GgsOptions = {}): Promise<GgsRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/ggs.mjs'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    opts.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d));
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d;
      opts.onStderr?.(child, stderr);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A private copy of a fixture scenario (tests may check it stays byte-identical). */
export async function scratchCopy(name: string): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'ggs-cli-'));
  const file = join(dir, name.split('/').pop()!);
  await copyFile(fixture(name), file);
  return { dir, file };
}

export const bytes = (file: string) => readFile(file);
