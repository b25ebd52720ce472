/**
 * The one overwrite rule of every `ggs` command that writes (docs/cli.md
 * "Output files"):
 *
 * 1. existing results are replaced only with --force;
 * 2. nothing is ever written onto or inside an input (the scenario, a case
 *    file, a shard folder being merged);
 * 3. every file is written atomically (temp file + rename, files/atomicWrite.ts),
 *    so a reader or an interrupted run sees the old file or the new one.
 *
 * Commands claim their target before the long work starts, so a bad --out
 * fails at once, then write through writeFiles.
 */
import { access, mkdir, stat } from 'node:fs/promises';
import { join, relative, resolve, isAbsolute } from 'node:path';
import type { JobResult } from '../../solver/contract.ts';
import { resultTables } from '../../solver/results/tables.ts';
import { toCsv } from '../../solver/results/table.ts';
import { atomicWrite } from '../files/atomicWrite.ts';
import { CliError } from './exitCodes.ts';

export interface ClaimOptions {
  /** files or folders the command reads; the output may be neither one of them nor inside one */
  inputs: readonly string[];
  /** replace existing results */
  force?: boolean;
  /** the option that named the target, for messages (default --out) */
  flag?: string;
}

const exists = (path: string) => access(path).then(() => true, () => false);

/** `inner` is `outer` or lies inside it. */
function within(inner: string, outer: string): boolean {
  const rel = relative(resolve(outer), resolve(inner));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function refuseInputs(target: string, flag: string, inputs: readonly string[], what: string): void {
  const input = inputs.find((i) => i !== '' && within(target, i));
  if (input !== undefined) throw new CliError([`${flag} ${target}: ${what} the input ${input}; choose another ${flag === '--out' ? 'name' : 'place'}`]);
}

/** Claims one output file: refused when it is (or is inside) an input, or exists without --force. */
export async function claimOutFile(file: string, opts: ClaimOptions): Promise<void> {
  const flag = opts.flag ?? '--out';
  refuseInputs(file, flag, opts.inputs, 'would overwrite');
  if (!opts.force && (await exists(file))) throw new CliError([`${flag} ${file}: already exists (add --force to replace it)`]);
}

/**
 * Claims an output folder that will hold `names`: creates it if needed;
 * refused when it is not a folder, is (or is inside) an input, would put one
 * of `names` onto an input, or already holds one of `names` without --force.
 */
export async function claimOutDir(dir: string, names: readonly string[], opts: ClaimOptions & { hint?: string }): Promise<void> {
  const flag = opts.flag ?? '--out';
  refuseInputs(dir, flag, opts.inputs, 'is or lies inside');
  const clash = names.find((name) => opts.inputs.some((i) => i !== '' && resolve(dir, name) === resolve(i)));
  if (clash) throw new CliError([`${flag} ${dir}: would overwrite the input file ${opts.inputs.find((i) => resolve(dir, clash) === resolve(i))} with ${clash}; choose another folder`]);
  const existing = await stat(dir).catch(() => null);
  if (existing && !existing.isDirectory()) throw new CliError([`${flag} ${dir}: exists and is not a folder`]);
  if (existing && !opts.force) {
    const held = [];
    for (const name of names) if (await exists(join(dir, name))) held.push(name);
    if (held.length > 0) throw new CliError([`${flag} ${dir}: already holds ${held.join(', ')} (add --force to replace ${held.length > 1 ? 'them' : 'it'}${opts.hint ? `, ${opts.hint}` : ''})`]);
  }
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new CliError([`${flag} ${dir}: cannot create the folder (${e instanceof Error ? e.message : String(e)})`]);
  }
}

/** Writes each [name, text] into DIR atomically, refusing any that would land on an input; returns the paths written. */
export async function writeFiles(dir: string, files: readonly (readonly [string, string])[], inputs: readonly string[]): Promise<string[]> {
  for (const [name] of files) refuseInputs(join(dir, name), '--out', inputs, 'would overwrite');
  for (const [name, text] of files) await atomicWrite(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}

/** The file a solve's results are judged by: its presence means the folder holds results. */
export const SOLVE_RESULT = 'result.json';

/** Writes DIR/result.json and DIR/<table>.csv; returns the paths written. */
export async function writeOutDir(dir: string, result: JobResult, input: string): Promise<string[]> {
  const files: [string, string][] = [[SOLVE_RESULT, JSON.stringify(result, null, 2) + '\n']];
  for (const [name, table] of Object.entries(resultTables(result))) files.push([`${name}.csv`, toCsv(table)]);
  return writeFiles(dir, files, [input]);
}
