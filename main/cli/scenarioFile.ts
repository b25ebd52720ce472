/**
 * Reading a scenario for a command: the file is only ever read. Problems
 * become a CliError whose lines are "path: message", one per issue.
 */
import { readFile } from 'node:fs/promises';
import { JOB_KINDS, type JobKind } from '../../solver/jobKinds.ts';
import type { ScenarioInput, Scenario } from '../../solver/scenario/schema.ts';
import { formatIssue, parseScenarioText, validateScenario, type Validation } from '../../solver/scenario/validate.ts';
import { PathError, parseSetValue, setAtPath } from '../../solver/scenario/paths.ts';
import { CliError } from './exitCodes.ts';

export interface LoadedScenario {
  /** the document as written in the file (plus --set changes), what the job receives */
  document: ScenarioInput;
  /** the same, validated with defaults filled in */
  scenario: Scenario;
  warnings: string[];
}

export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : e instanceof Error ? e.message : String(e);
    throw new CliError([`${file}: cannot read the file (${why})`]);
  }
}

/** Issues as "path: message" lines; one about the whole document (e.g. malformed JSON) is prefixed with the file name. */
function orFail(file: string, validation: Validation<Scenario>): { scenario: Scenario; warnings: string[] } {
  if (!validation.ok) throw new CliError(validation.issues.map((i) => (i.path ? formatIssue(i) : `${file}: ${i.message}`)));
  return { scenario: validation.value, warnings: validation.warnings.map(formatIssue) };
}

/** Splits `PATH=VALUE` at the first "=" outside brackets, since `[id=x]` selectors hold one too. */
export function parseAssignment(text: string): { path: string; value: unknown } {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '=' && depth === 0) return { path: text.slice(0, i), value: parseSetValue(text.slice(i + 1)) };
  }
  throw new CliError([`--set ${text}: expected PATH=VALUE, e.g. network.buses[id=18].pdKw=120`]);
}

/** Reads, validates, applies `--set` assignments in order, and validates the result again. */
export async function loadScenario(file: string, assignments: string[] = []): Promise<LoadedScenario> {
  const text = await readText(file);
  const checked = orFail(file, parseScenarioText(text));
  if (assignments.length === 0) return { document: JSON.parse(text) as ScenarioInput, ...checked };
  // --set works on the document as written, so the job (and its hash) sees what a
  // user who edited the file by hand would have saved.
  let document: unknown = JSON.parse(text);
  for (const assignment of assignments) {
    const { path, value } = parseAssignment(assignment);
    try {
      document = setAtPath(document, path, value);
    } catch (e) {
      if (e instanceof PathError) throw new CliError([`--set ${e.message}`]);
      throw e;
    }
  }
  return { document: document as ScenarioInput, ...orFail(file, validateScenario(document)) };
}

/** The job to run: `--job` when given, else the one the scenario was made for (`metadata.job`). */
export function jobFor(given: JobKind | undefined, scenario: Scenario, file: string): JobKind {
  const job = given ?? scenario.metadata.job;
  if (job) return job;
  throw new CliError([`${file}: no --job given and the scenario names no job of its own (metadata.job); choose one: --job ${JOB_KINDS.join('|')}`]);
}
