import { beforeEach, describe, expect, it } from 'vitest';
import { documentTitle, emptyScenario, isDirty, redo, undo, useDocument } from '../../renderer/src/state/document.ts';

const doc = () => useDocument.getState();
const history = () => useDocument.temporal.getState();

describe('document store', () => {
  beforeEach(() => doc().load(emptyScenario(), { path: null, name: 'feeder.ggs.json' }));

  it('a loaded document is clean and has no undo history', () => {
    expect(isDirty(doc())).toBe(false);
    expect(history().pastStates).toHaveLength(0);
  });

  it('every edit is one undo step; undoing back to the saved state makes the document clean again', () => {
    doc().setField('network.buses[0].pdKw', 120);
    doc().edit((d) => void (d.network.loadScale = 1.5));
    expect(isDirty(doc())).toBe(true);
    expect(history().pastStates).toHaveLength(2);
    undo();
    expect(doc().scenario.network.loadScale).toBe(1);
    expect(doc().scenario.network.buses[0]!.pdKw).toBe(120);
    undo();
    expect(isDirty(doc())).toBe(false);
    redo();
    expect(doc().scenario.network.buses[0]!.pdKw).toBe(120);
  });

  it('setting a field to the value it has is not an edit', () => {
    doc().setField('metadata.name', doc().scenario.metadata.name);
    expect(history().pastStates).toHaveLength(0);
    expect(isDirty(doc())).toBe(false);
  });

  it('markSaved makes exactly the written scenario the clean one', () => {
    doc().setField('network.buses[0].pdKw', 5);
    const written = doc().scenario;
    doc().setField('network.buses[0].pdKw', 6);
    doc().markSaved({ path: '/x/feeder.ggs.json', name: 'feeder.ggs.json' }, written);
    expect(isDirty(doc())).toBe(true);
    undo();
    expect(isDirty(doc())).toBe(false);
  });

  it('documentTitle puts the dirty marker first', () => {
    expect(documentTitle('a.ggs.json', true)).toBe('● a.ggs.json — GridGame Studio');
    expect(documentTitle('a.ggs.json', false)).toBe('a.ggs.json — GridGame Studio');
  });
});
