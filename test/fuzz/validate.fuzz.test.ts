/**
 * Fuzzing scenario validation (issue 13): for each family of sample
 * scenarios, ten thousand mutated copies (scenarioMutations.ts) go through
 * validateScenario, which must never throw, and whose every issue must name a
 * JSON path and a reason in a planner's words — never zod's bare "Invalid
 * input". GGS_FUZZ_RUNS raises the count (`npm run fuzz` runs 200 000 per family).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenario, type ValidationIssue } from '../../solver/scenario/validate.ts';
import { mutatedScenario } from './scenarioMutations.ts';

const runs = Number(process.env.GGS_FUZZ_RUNS ?? 10_000);
const sample = (name: string) => JSON.parse(readFileSync(new URL(`../../assets/scenarios/${name}`, import.meta.url), 'utf8')) as unknown;

/** The sample scenario of each job family. */
const families: [string, string][] = [
  ['powerflow', '../../test/fixtures/scenarios/tiny.ggs.json'],
  ['opf (DER)', 'ieee33-der.ggs.json'],
  ['vpp-game', 'three-vpps.ggs.json'],
  ['kda', 'k-double-auction.ggs.json'],
  ['ev-bayesian', 'ev-parking-lot.ggs.json'],
  ['portfolio', 'retailer-portfolio.ggs.json'],
];

/** `network.lines[4].to`, `vpps[0].pvProfile.profile`, or '' for the whole document. */
const JSON_PATH = /^(|[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*|\[\d+\])*)$/;
/** zod's own words, which tell a planner nothing */
const GENERIC = /^(Invalid input|Invalid option|Invalid element|Invalid key|Invalid string|Invalid|Required)\b/;

/** Why an issue is not a planner's message, or null when it is. */
export function badIssue(issue: ValidationIssue): string | null {
  if (typeof issue.path !== 'string' || !JSON_PATH.test(issue.path)) return `path ${JSON.stringify(issue.path)} is not a JSON path`;
  if (typeof issue.message !== 'string' || issue.message.length < 8) return `message ${JSON.stringify(issue.message)} says nothing`;
  if (GENERIC.test(issue.message)) return `message "${issue.message}" is zod's, not a reason`;
  return null;
}

describe.each(families)('validating mutated %s scenarios', (_family, file) => {
  const doc = sample(file);
  it(`${runs} mutations: nothing escapes, every issue has a JSON path and a reason`, () => {
    expect(validateScenario(doc).ok).toBe(true);
    fc.assert(
      fc.property(mutatedScenario(doc), ({ doc: mutated }) => {
        const v = validateScenario(mutated);
        if (v.ok) return;
        expect(v.issues.length).toBeGreaterThan(0);
        for (const issue of v.issues) {
          const why = badIssue(issue);
          if (why) throw new Error(`${why} (${issue.path}: ${issue.message})`);
        }
      }),
      { numRuns: runs, seed: process.env.GGS_FUZZ_SEED ? Number(process.env.GGS_FUZZ_SEED) : undefined },
    );
  }, 600_000);
});

describe('the messages the fuzzing found', () => {
  it.each([
    ['vpps[0].pvProfile', 'pv', 'must be a number or {"profile": …}, not the text "pv"'],
    ['vpps[0].pvProfile', {}, 'must be a number or {"profile": …}, not an object; profile must be a text'],
    ['vpps[0].pvProfile', { profile: 'pv', scale: 2 }, 'unknown field "scale"'],
  ])('%s = %j', (path, value, message) => {
    const doc = sample('three-vpps.ggs.json') as { vpps: { pvProfile: unknown }[] };
    doc.vpps[0]!.pvProfile = value;
    const v = validateScenario(doc);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues).toContainEqual({ path, message });
  });
});
