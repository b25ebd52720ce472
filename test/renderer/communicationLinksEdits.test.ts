/** Editing per-link communication settings: the delay text, the link rows, and the validation paths the grid's cells read. */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { useDocument } from '../../renderer/src/state/document.ts';
import { addCommNetworkLink, addCommunicationLink, deleteCommNetworkLink, deleteCommunicationLink, formatDelay, parseDelay, setCommNetworkField, setCommNetworkLinkField, setCommunicationLinkField } from '../../renderer/src/microgrid/microgridEdits.ts';
import { validateScenario, formatIssue } from '../../solver/scenario/validate.ts';

const classroom = () => JSON.parse(readFileSync(new URL('../../assets/scenarios/classroom-microgrids.ggs.json', import.meta.url), 'utf8'));
const links = () => useDocument.getState().scenario.microgridCoordination?.communication?.links;
const issues = () => {
  const v = validateScenario(useDocument.getState().scenario);
  return v.ok ? [] : v.issues.map(formatIssue);
};

describe('per-link communication edits', () => {
  beforeEach(() => useDocument.getState().load(classroom(), { path: null, name: 'classroom-microgrids.ggs.json' }));

  it('reads and writes delays as text', () => {
    expect(parseDelay('fixed 2')).toEqual({ kind: 'fixed', iterations: 2 });
    expect(parseDelay(' uniform 3 ')).toEqual({ kind: 'uniform', maxIterations: 3 });
    expect(parseDelay('geometric 1.5')).toEqual({ kind: 'geometric', meanIterations: 1.5 });
    expect(parseDelay('geometric 1.5 10')).toEqual({ kind: 'geometric', meanIterations: 1.5, maxIterations: 10 });
    for (const bad of ['fixed', 'fixed 2 3', 'poisson 1', 'uniform x', 'geometric 1 x']) expect(parseDelay(bad)).toBeNull();
    for (const text of ['fixed 2', 'uniform 3', 'geometric 1.5', 'geometric 1.5 10']) expect(formatDelay(parseDelay(text))).toBe(text);
  });

  it('adds a link between the first free pair, edits its cells, keeps bad text for validation to name, and deletes it', () => {
    addCommunicationLink();
    addCommunicationLink();
    expect(links()!.map((l) => l.between)).toEqual([['sunny', 'diesel'], ['sunny', 'homes']]);
    expect(issues()).toEqual([]);
    setCommunicationLinkField(0, 'delay', 'geometric 2 8');
    setCommunicationLinkField(0, 'bandwidthKbitPerIteration', 0.5);
    setCommunicationLinkField(1, 'between[1]', 'adn');
    expect(links()![0]).toMatchObject({ delay: { kind: 'geometric', meanIterations: 2, maxIterations: 8 }, bandwidthKbitPerIteration: 0.5 });
    expect(issues()).toEqual([]);
    setCommunicationLinkField(0, 'delay', 'soon');
    expect(links()![0]!.delay).toBe('soon');
    expect(issues().join('\n')).toMatch(/microgridCoordination\.communication\.links\[0\]\.delay/);
    setCommunicationLinkField(0, 'delay', 'fixed 1');
    // (the cross-checks run once the schema holds)
    setCommunicationLinkField(1, 'between[0]', 'nowhere');
    expect(issues().join('\n')).toMatch(/microgridCoordination\.communication\.links\[1\]\.between\[0\]: "nowhere" is neither a microgrid nor "adn"/);
    deleteCommunicationLink(1);
    deleteCommunicationLink(0);
    expect(links()).toBeUndefined();
    expect(issues()).toEqual([]);
  });

  it('the communication network of the trades: created with its first field, links named at their paths, removed with its last link', () => {
    const doc = classroom();
    delete doc.communicationNetwork;
    useDocument.getState().load(doc, { path: null, name: 'x.ggs.json' });
    setCommNetworkField('communicationNetwork.kbpsPerKw', 2);
    const net = () => useDocument.getState().scenario.communicationNetwork;
    expect(net()).toMatchObject({ kbpsPerKw: 2, links: [{ id: 'link1', from: 'sunny', to: 'hub', bandwidthKbps: 100 }] });
    addCommNetworkLink();
    expect(net()!.links[1]).toMatchObject({ id: 'link2', from: 'diesel', to: 'hub' });
    expect(issues()).toEqual([]);
    setCommNetworkLinkField(1, 'to', 'diesel');
    expect(issues().join('\n')).toMatch(/communicationNetwork\.links\[1\]\.to: a link joins two different nodes/);
    deleteCommNetworkLink(1);
    deleteCommNetworkLink(0);
    expect(net()).toBeUndefined();
    expect(issues()).toEqual([]);
  });
});
