/**
 * A study's folder on disk: DIR/result.json (the StudyResult) and
 * DIR/points.csv (one row per point), written atomically; and reading a
 * result back for `ggs merge`, with a clear message for anything that is not
 * a sweep result.
 */
import { join } from 'node:path';
import type { StudyResult } from '../../solver/whatif/result.ts';
import { pointsTable } from '../../solver/whatif/table.ts';
import { toCsv } from '../../solver/results/table.ts';
import { atomicWrite } from '../files/atomicWrite.ts';
import { readText } from '../cli/scenarioFile.ts';
import { CliError } from '../cli/exitCodes.ts';


/** What a study folder holds: `ggs sweep --out` refuses to replace them without --force. */
export const STUDY_FILES = ['result.json', 'points.csv', 'points.jsonl'];

/** Writes DIR/result.json and DIR/points.csv; returns the paths written. */
export async function writeStudyDir(dir: string, result: StudyResult): Promise<string[]> {
  const files: [string, string][] = [
    ['result.json', JSON.stringify(result, null, 2) + '\n'],
    ['points.csv', toCsv(pointsTable(result))],
  ];
  for (const [name, text] of files) await atomicWrite(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}

/** Reads DIR/result.json (or the file itself when given a .json path). */
export async function readStudyResult(dirOrFile: string): Promise<StudyResult> {
  const file = dirOrFile.endsWith('.json') ? dirOrFile : join(dirOrFile, 'result.json');
  const text = await readText(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new CliError([`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`]);
  }
  const r = value as Partial<StudyResult> | null;
  if (typeof r !== 'object' || r === null || !Array.isArray(r.points) || typeof r.study !== 'object' || typeof r.pointCount !== 'number')
    throw new CliError([`${file}: not the result of ggs sweep (no study, pointCount and points)`]);
  return r as StudyResult;
}
