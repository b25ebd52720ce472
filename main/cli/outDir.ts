/**
 * `--out DIR`: result.json plus one CSV per result table, each written
 * atomically. No output may land on the input file (a scenario may live in
 * the folder its results are exported to, but not be named result.json).
 */
import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { JobResult } from '../../solver/contract.ts';
import { resultTables } from '../../solver/results/tables.ts';
import { toCsv } from '../../solver/results/table.ts';
import { atomicWrite } from '../files/atomicWrite.ts';
import { CliError } from './exitCodes.ts';

function refuseInput(dir: string, names: string[], input: string): void {
  const clash = names.find((name) => resolve(dir, name) === resolve(input));
  if (clash) throw new CliError([`--out ${dir}: would overwrite the input file ${input} with ${clash}; choose another folder`]);
}

/** Creates DIR before a long solve, so a bad --out fails at once. */
export async function prepareOutDir(dir: string, input: string): Promise<void> {
  refuseInput(dir, ['result.json'], input);
  const existing = await stat(dir).catch(() => null);
  if (existing && !existing.isDirectory()) throw new CliError([`--out ${dir}: exists and is not a folder`]);
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new CliError([`--out ${dir}: cannot create the folder (${e instanceof Error ? e.message : String(e)})`]);
  }
}

/** Writes DIR/result.json and DIR/<table>.csv; returns the paths written. */
export async function writeOutDir(dir: string, result: JobResult, input: string): Promise<string[]> {
  const files: [string, string][] = [['result.json', JSON.stringify(result, null, 2) + '\n']];
  for (const [name, table] of Object.entries(resultTables(result))) files.push([`${name}.csv`, toCsv(table)]);
  refuseInput(dir, files.map(([name]) => name), input);
  for (const [name, text] of files) await atomicWrite(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}
