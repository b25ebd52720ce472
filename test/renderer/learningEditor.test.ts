/**
 * The learning section's edits (renderer/src/learn/learningEdits.ts) and
 * field table (learningFields.ts) on the community-learning sample in the
 * document store: each edit is one undo step, nested objects appear on the
 * first edit and a cleared field goes away, bad input is kept as typed and
 * named by its path, the add-section default is the schema's, and every
 * field of the schema has a place in the form.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { undo, useDocument } from '../../renderer/src/state/document.ts';
import { addLearningSection, parseLayers, removeLearningSection, setLearningField } from '../../renderer/src/learn/learningEdits.ts';
import { LEARNING_GROUPS } from '../../renderer/src/learn/learningFields.ts';
import { LEARNING_SECTIONS } from '../../renderer/src/learn/learningSections.ts';
import { sectionHasIssue } from '../../renderer/src/sections.ts';
import { validateScenario } from '../../solver/scenario/validate.ts';
import { LearningSection, LearningTraining, type ScenarioInput } from '../../solver/scenario/schema.ts';

const SAMPLE = JSON.parse(readFileSync(new URL('../../assets/scenarios/community-learning.ggs.json', import.meta.url), 'utf8')) as ScenarioInput;
const doc = () => useDocument.getState().scenario;
const issues = () => {
  const v = validateScenario(doc());
  return new Map(v.ok ? [] : v.issues.map((i) => [i.path, i.message]));
};

describe('learning section edits', () => {
  beforeEach(() => useDocument.getState().load(structuredClone(SAMPLE), { path: null, name: 'community-learning.ggs.json' }));

  it('creates learning.training on the first training edit and removes a cleared field; one undo step each', () => {
    expect(doc().learning!.training).toBeUndefined();
    setLearningField('learning.training.episodes', 4);
    setLearningField('learning.mechanism', 'pay-as-bid');
    expect(doc().learning!.training).toEqual({ episodes: 4 });
    undo();
    expect(doc().learning!.mechanism).toBe('uniform-price');
    expect(doc().learning!.training).toEqual({ episodes: 4 });
    setLearningField('learning.training.episodes', undefined);
    expect(doc().learning!.training).toEqual({});
    setLearningField('learning.battery.powerKw', 3);
    expect(doc().learning!.battery).toEqual({ powerKw: 3 });
    expect(issues().size).toBe(0);
  });

  it('keeps bad input as typed and names it by its path; the tree flags the section', () => {
    setLearningField('learning.training.seeds', 'two');
    setLearningField('learning.training.hidden', '16, x');
    const found = issues();
    expect(doc().learning!.training!.seeds).toBe('two');
    expect(doc().learning!.training!.hidden).toBe('16, x');
    expect([...found.keys()].sort()).toEqual(['learning.training.hidden', 'learning.training.seeds']);
    expect(sectionHasIssue(LEARNING_SECTIONS[0]!, found.keys())).toBe(2);
    setLearningField('learning.training.hidden', '16, 8');
    expect(doc().learning!.training!.hidden).toEqual([16, 8]);
    setLearningField('learning.training.hidden', '0');
    expect(issues().has('learning.training.hidden[0]')).toBe(true);
    // the cross-check (feed-in below retail) runs once every field parses
    setLearningField('learning.training.hidden', undefined);
    setLearningField('learning.training.seeds', 2);
    setLearningField('learning.feedIn', 0.5);
    expect([...issues().keys()]).toEqual(['learning.feedIn']);
  });

  it('adds the section with the schema defaults when absent and removes it, each one undo step', () => {
    removeLearningSection();
    expect(doc().learning).toBeUndefined();
    addLearningSection();
    expect(doc().learning).toEqual(LearningSection.parse({}));
    expect(doc().learning!.households).toBe(20);
    undo();
    expect(doc().learning).toBeUndefined();
  });

  it('parses hidden layers from a list and keeps anything else as typed', () => {
    expect(parseLayers('32, 32')).toEqual([32, 32]);
    expect(parseLayers('64')).toEqual([64]);
    expect(parseLayers(' ')).toBeUndefined();
    expect(parseLayers('a, 2')).toBe('a, 2');
  });

  it('the form has a field for every field of the schema', () => {
    const paths = LEARNING_GROUPS.flatMap((g) => g.fields.map((f) => f.path));
    expect(new Set(paths).size).toBe(paths.length);
    const community = Object.keys(LearningSection.parse({})).filter((k) => k !== 'battery' && k !== 'mechanism');
    const expected = [...community, 'from', 'to', 'battery.capacityKwh', 'battery.powerKw', 'battery.efficiency', ...Object.keys(LearningTraining.shape).map((k) => `training.${k}`)].map((k) => `learning.${k}`);
    expect([...paths, 'learning.mechanism'].sort()).toEqual([...expected, 'learning.mechanism'].sort());
  });
});
