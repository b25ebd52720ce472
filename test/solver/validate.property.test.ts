/**
 * Random corruptions of a valid scenario — fields deleted, values of the wrong
 * type, dangling references, truncated text — are always reported as issues
 * that carry a message and a path pointing into the document; validation
 * never throws.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parseScenarioText, validateScenario, type ValidationIssue } from '../../solver/scenario/validate.ts';
import { formatSegments, getAtPath, parsePath, PathError, setAtPath } from '../../solver/scenario/paths.ts';

const text = readFileSync(new URL('../fixtures/scenarios/tiny.ggs.json', import.meta.url), 'utf8');
const valid: unknown = JSON.parse(text);

/** Every field and list element of a JSON value, as parameter paths. */
function allPaths(node: unknown, prefix = ''): string[] {
  if (Array.isArray(node)) return node.flatMap((child, i) => [`${prefix}[${i}]`, ...allPaths(child, `${prefix}[${i}]`)]);
  if (node && typeof node === 'object')
    return Object.entries(node).flatMap(([key, child]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      return [path, ...allPaths(child, path)];
    });
  return [];
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const parentOf = (path: string) => formatSegments(parsePath(path).slice(0, -1));

function deleteAt(doc: unknown, path: string): unknown {
  const segments = parsePath(path);
  const last = segments[segments.length - 1]!;
  const parentPath = formatSegments(segments.slice(0, -1));
  const parent = parentPath ? getAtPath(doc, parentPath) : doc;
  if (typeof parent !== 'object' || parent === null) return doc; // an earlier corruption replaced the parent
  const next = Array.isArray(parent)
    ? parent.filter((_, i) => !(last.kind === 'index' && i === last.index))
    : Object.fromEntries(Object.entries(parent as object).filter(([k]) => !(last.kind === 'key' && k === last.key)));
  return parentPath ? setAtPath(doc, parentPath, next) : next;
}

/** Issues are well formed: a message, and a path whose parent exists in the (corrupted) document. */
function expectWellFormed(doc: unknown, issues: ValidationIssue[]) {
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) {
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
    expect(typeof issue.path).toBe('string');
    if (issue.path) {
      const parent = parentOf(issue.path);
      if (parent) expect(() => getAtPath(doc, parent)).not.toThrow();
    }
  }
}

const paths = allPaths(valid);
const anyPath = fc.constantFrom(...paths);
type Corruption = { op: 'delete'; path: string } | { op: 'replace'; path: string; value: unknown };
const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  anyPath.map((path) => ({ op: 'delete' as const, path })),
  fc.record({ op: fc.constant('replace' as const), path: anyPath, value: fc.jsonValue({ maxDepth: 2 }) }),
);

/** Applies a corruption; one whose path an earlier corruption removed is skipped. */
function corrupt(doc: unknown, c: Corruption): unknown {
  try {
    return c.op === 'delete' ? deleteAt(doc, c.path) : setAtPath(doc, c.path, c.value);
  } catch (e) {
    if (e instanceof PathError) return doc;
    throw e;
  }
}

describe('validateScenario under random corruption', () => {
  it('never throws, and every issue has a message and a path into the document', () => {
    fc.assert(
      fc.property(fc.array(corruption, { minLength: 1, maxLength: 3 }), (corruptions) => {
        const doc = corruptions.reduce(corrupt, valid);
        const result = validateScenario(doc);
        if (!result.ok) expectWellFormed(doc, result.issues);
      }),
      { numRuns: 500 },
    );
  });

  it('reports a dangling reference at its own path', () => {
    const references = ['network.lines[0].from', 'network.lines[1].to', 'network.substation.busId', 'network.buses[1].loadProfile', 'network.buses[2].loadProfile'];
    const unknownId = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/).filter((id) => !['head', 'mid', 'tail', 'evening'].includes(id));
    fc.assert(
      fc.property(fc.constantFrom(...references), unknownId, (path, id) => {
        const result = validateScenario(setAtPath(valid, path, id));
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.issues).toContainEqual({ path, message: expect.stringMatching(/does not exist$/) });
      }),
    );
  });

  it('reports a number replaced by a value of another type at that number\'s path', () => {
    const numeric = paths.filter((p) => typeof getAtPath(valid, p) === 'number');
    const notANumber = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.constant({}));
    fc.assert(
      fc.property(fc.constantFrom(...numeric), notANumber, (path, value) => {
        const doc = setAtPath(valid, path, value);
        const result = validateScenario(doc);
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expectWellFormed(doc, result.issues);
          expect(result.issues.map((i) => i.path)).toContain(path);
        }
      }),
    );
  });

  it('reports a deleted required field as required, at its path', () => {
    const required = [
      'metadata',
      'metadata.name',
      'time.T',
      'time.dtHours',
      'time.start',
      'network',
      'network.baseKv',
      'network.substation',
      'network.substation.busId',
      'network.buses',
      'network.buses[1].id',
      'network.lines[0].from',
      'network.lines[1].rOhm',
      'profiles[0].values',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...required), (path) => {
        const result = validateScenario(deleteAt(valid, path));
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.issues).toContainEqual({ path, message: 'is required' });
      }),
    );
  });
});

describe('parseScenarioText under truncation', () => {
  it('reports any truncated file as invalid JSON, never throwing', () => {
    const body = text.trimEnd();
    fc.assert(
      fc.property(fc.nat({ max: body.length - 1 }), (length) => {
        const result = parseScenarioText(body.slice(0, length));
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.issues).toHaveLength(1);
          expect(result.issues[0]).toEqual({ path: '', message: expect.stringMatching(/^the file is not valid JSON/) });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (junk) => {
        const result = parseScenarioText(junk);
        expect(result.ok).toBe(false);
        if (!result.ok) expectWellFormed(parsedOrUndefined(junk), result.issues);
      }),
    );
  });
});
