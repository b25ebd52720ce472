import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { formatIssue, formatPath, parseScenarioText, validateScenario, type ValidationIssue } from '../../solver/scenario/validate.ts';
import { migrate, type MigrationStep } from '../../solver/scenario/migrate.ts';
import { setAtPath } from '../../solver/scenario/paths.ts';

const ieee33Text = readFileSync(new URL('../fixtures/scenarios/ieee33.ggs.json', import.meta.url), 'utf8');
const ieee33: unknown = JSON.parse(ieee33Text);
const tiny: unknown = JSON.parse(readFileSync(new URL('../fixtures/scenarios/tiny.ggs.json', import.meta.url), 'utf8'));

/** The issues of `doc` with `path` set to `value`, as "path: message" lines. */
function issuesAfter(doc: unknown, ...changes: [string, unknown][]): string[] {
  const changed = changes.reduce((d, [path, value]) => setAtPath(d, path, value), doc);
  const result = validateScenario(changed);
  return result.ok ? [] : result.issues.map(formatIssue);
}

function withoutField(doc: unknown, parentPath: string, field: string): unknown {
  const parent = parentPath.split('.').reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, doc as Record<string, unknown>);
  const { [field]: _removed, ...rest } = parent;
  return setAtPath(doc, parentPath, rest);
}

describe('validateScenario accepts', () => {
  it('the IEEE 33-bus fixture, filling in defaults', () => {
    const result = validateScenario(ieee33);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.network.buses).toHaveLength(33);
    expect(result.value.network.loadScale).toBe(1);
    expect(result.value.network.buses[0]).toMatchObject({ vminPu: 0.95, vmaxPu: 1.05, name: '' });
    expect(result.value.network.lines[1]!.inService).toBe(true);
  });

  it('a feeder with a load profile of length T', () => {
    expect(validateScenario(tiny).ok).toBe(true);
  });

  it('without mutating its input', () => {
    const input = structuredClone(ieee33);
    validateScenario(input);
    expect(input).toEqual(ieee33);
  });
});

describe('validateScenario explains each problem with its JSON path', () => {
  it.each<[string, [string, unknown][], string]>([
    ['a line to a bus that does not exist', [['network.lines[4].to', '34']], 'network.lines[4].to: bus "34" does not exist'],
    ['a line from a bus that does not exist', [['network.lines[0].from', 'x']], 'network.lines[0].from: bus "x" does not exist'],
    ['a substation on a missing bus', [['network.substation.busId', '99']], 'network.substation.busId: bus "99" does not exist'],
    ['a load profile that does not exist', [['network.buses[3].loadProfile', 'night']], 'network.buses[3].loadProfile: profile "night" does not exist'],
    ['a bus id used twice', [['network.buses[5].id', '2']], 'network.buses[5].id: bus id "2" is used twice (also network.buses[1])'],
    ['a line id used twice', [['network.lines[2].id', 'L1']], 'network.lines[2].id: line id "L1" is used twice (also network.lines[0])'],
    ['a line from a bus to itself', [['network.lines[3].to', '4']], 'network.lines[3].to: a line cannot connect bus "4" to itself'],
    ['voltage limits the wrong way round', [['network.buses[2].vminPu', 1.1]], 'network.buses[2].vminPu: must be below vmaxPu (1.05)'],
    ['a number given as text', [['network.lines[7].rOhm', '0.5']], 'network.lines[7].rOhm: must be a number, not the text "0.5"'],
    ['a negative resistance', [['network.lines[7].rOhm', -1]], 'network.lines[7].rOhm: must be at least 0, not -1'],
    ['a fractional horizon', [['time.T', 2.5]], 'time.T: must be a whole number, not the number 2.5'],
    ['an empty name', [['metadata.name', '']], 'metadata.name: must not be empty'],
    ['an id with a space', [['network.buses[0].id', 'bus 1']], 'network.buses[0].id: may contain only letters, digits, "_", "-" and "."'],
    ['a field the schema does not know', [['network.buses[0].colour', 'red']], 'network.buses[0]: unknown field "colour"'],
    ['a list where an object belongs', [['network.substation', []]], 'network.substation: must be an object, not a list'],
    ['a boolean given as text', [['network.lines[0].inService', 'yes']], 'network.lines[0].inService: must be true or false, not the text "yes"'],
    ['an empty bus list', [['network.buses', []]], 'network.buses: a network needs at least one bus'],
  ])('%s', (_what, changes, expected) => {
    expect(issuesAfter(ieee33, ...changes)).toContain(expected);
  });

  it('a profile whose length differs from the horizon', () => {
    expect(issuesAfter(tiny, ['profiles[0].values', [1, 1]])).toEqual(['profiles[0].values: holds 2 values but the horizon time.T is 3']);
  });

  it('a missing required field', () => {
    const result = validateScenario(withoutField(ieee33, 'network', 'baseKv'));
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual(['network.baseKv: is required']);
  });

  it('every problem at once, not just the first', () => {
    expect(issuesAfter(ieee33, ['network.lines[4].to', '34'], ['network.lines[9].from', '0'])).toEqual([
      'network.lines[4].to: bus "34" does not exist',
      'network.lines[9].from: bus "0" does not exist',
    ]);
  });
});

describe('the schema version', () => {
  it.each<[string, unknown, string]>([
    ['missing', undefined, 'schemaVersion: is required (this file may not be a GridGame Studio scenario)'],
    ['newer than this app', 2, 'schemaVersion: version 2 was written by a newer GridGame Studio; this one reads up to version 1'],
    ['not a whole number', '1', 'schemaVersion: must be a whole number ≥ 1, not "1"'],
  ])('%s', (_what, version, expected) => {
    const { schemaVersion: _v, ...unversioned } = ieee33 as Record<string, unknown>;
    const input = version === undefined ? unversioned : setAtPath(ieee33, 'schemaVersion', version);
    const result = validateScenario(input);
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([expected]);
  });

  it('older documents are lifted one step at a time, each step noted', () => {
    const steps: Record<number, MigrationStep> = {
      1: (doc) => ({ doc: { ...doc, a: 1 }, notes: ['added a'] }),
      2: (doc) => ({ doc: { ...doc, b: (doc.a as number) + 1 }, notes: ['added b'] }),
    };
    const result = migrate({ schemaVersion: 1 }, steps, 3);
    expect(result).toEqual({
      ok: true,
      value: { schemaVersion: 3, a: 1, b: 2 },
      warnings: [
        { path: '', message: 'migrated from v1: added a' },
        { path: '', message: 'migrated from v2: added b' },
      ],
    });
  });

  it('a gap in the migration table is reported, not skipped', () => {
    expect(migrate({ schemaVersion: 1 }, {}, 2)).toEqual({ ok: false, issues: [{ path: 'schemaVersion', message: 'no migration from version 1 to 2' }] });
  });
});

describe('parseScenarioText', () => {
  it('locates malformed JSON by line and column', () => {
    const text = ieee33Text.replace('"baseKv": 12.66,', '"baseKv": 12.66,,');
    const line = text.slice(0, text.indexOf(',,')).split('\n').length;
    const result = parseScenarioText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]!.path).toBe('');
    expect(result.issues[0]!.message).toMatch(new RegExp(`^the file is not valid JSON \\(line ${line}, column \\d+\\)`));
  });

  it('says a JSON value that is not an object is not a scenario', () => {
    expect(parseScenarioText('42')).toEqual({ ok: false, issues: [{ path: '', message: 'a scenario must be a JSON object' }] });
  });
});

describe('formatPath and formatIssue', () => {
  it('write paths the way parameter paths read them', () => {
    expect(formatPath(['network', 'lines', 4, 'to'])).toBe('network.lines[4].to');
    expect(formatPath([])).toBe('');
  });

  it('leave document-level issues without a path prefix', () => {
    const root: ValidationIssue = { path: '', message: 'a scenario must be a JSON object' };
    expect(formatIssue(root)).toBe('a scenario must be a JSON object');
    expect(formatIssue({ path: 'time.T', message: 'is required' })).toBe('time.T: is required');
  });
});
