/**
 * The road network and EV charging editors' edits (renderer/src/transport/
 * transportEdits.ts, renderer/src/evcs/evcsEdits.ts) on the Riverside + IEEE
 * 123 sample in the document store: each edit is one undo step, a rename
 * follows the node everywhere, bad input is kept as typed and named by its
 * path, and the tree sections count and flag what they should. Also the TNTP
 * import dialog's reader on the Millbrook fixture and its broken copy.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { undo, useDocument } from '../../renderer/src/state/document.ts';
import { addLink, addNode, addReverseLink, createRoadNetwork, deleteNode, setLinkField, setNodeField, setTransportField } from '../../renderer/src/transport/transportEdits.ts';
import { addStation, createEvcs, setEvcsField, setEvcsListField } from '../../renderer/src/evcs/evcsEdits.ts';
import { TRANSPORT_SECTIONS } from '../../renderer/src/transport/transportSections.ts';
import { sectionHasIssue } from '../../renderer/src/sections.ts';
import { readTntp } from '../../renderer/src/transport/TntpImportDialog.tsx';
import { validateScenario } from '../../solver/scenario/validate.ts';
import { emptyScenario } from '../../renderer/src/state/document.ts';
import { addBus } from '../../renderer/src/network/networkEdits.ts';
import type { ScenarioInput } from '../../solver/scenario/schema.ts';

const ROOT = new URL('../../', import.meta.url);
const SAMPLE = JSON.parse(readFileSync(new URL('assets/scenarios/riverside-evcs.ggs.json', ROOT), 'utf8')) as ScenarioInput;
const doc = () => useDocument.getState().scenario;
const t = () => doc().transport!;
const history = () => useDocument.temporal.getState();
const issues = () => {
  const v = validateScenario(doc());
  return new Map(v.ok ? [] : v.issues.map((i) => [i.path, i.message]));
};
const section = (id: string) => TRANSPORT_SECTIONS.find((s) => s.id === id)!;

describe('road network edits', () => {
  beforeEach(() => useDocument.getState().load(structuredClone(SAMPLE), { path: null, name: 'riverside-evcs.ggs.json' }));

  it('the sample is valid as shipped (the edits below are what makes it invalid)', () => {
    expect(issues().size).toBe(0);
  });

  it('renaming a node renames it in links, trips, stations and EV origins, in one undo step', () => {
    const i = t().nodes.findIndex((n) => n.id === '5');
    const touching = t().links.filter((l) => l.from === '5' || l.to === '5').length;
    expect(touching).toBeGreaterThan(0);
    setNodeField(i, 'id', 'harbour');
    expect(t().links.filter((l) => l.from === 'harbour' || l.to === 'harbour')).toHaveLength(touching);
    expect(t().links.some((l) => l.from === '5' || l.to === '5')).toBe(false);
    expect(doc().evcs!.stations.find((s) => s.id === 'north-west' || s.node === 'harbour')?.node).toBe('harbour');
    expect(issues().size).toBe(0);
    expect(history().pastStates).toHaveLength(1);
    undo();
    expect(t().nodes[i]!.id).toBe('5');
    expect(t().links.filter((l) => l.from === '5' || l.to === '5')).toHaveLength(touching);
  });

  it('renaming to an id already in use is stored as typed and flagged, and touches nothing else', () => {
    const before = structuredClone(t().links);
    setNodeField(0, 'id', t().nodes[1]!.id);
    expect(t().links).toEqual(before);
    expect([...issues().keys()].some((p) => p.startsWith('transport.nodes'))).toBe(true);
  });

  it('a capacity that is not a number stays in the document as typed; validation names its path; undo restores the old value', () => {
    const old = t().links[3]!.capacityVehPerH;
    setLinkField(3, 'capacityVehPerH', 'lots');
    expect(t().links[3]!.capacityVehPerH).toBe('lots');
    expect(issues().get('transport.links[3].capacityVehPerH')).toBeDefined();
    expect(sectionHasIssue(section('roadLinks'), issues().keys())).toBe(1);
    expect(sectionHasIssue(section('roadNodes'), issues().keys())).toBe(0);
    undo();
    expect(t().links[3]!.capacityVehPerH).toBe(old);
  });

  it('BPR α and β, free-flow time and the toll weight edit in place; a negative α is refused at its path', () => {
    setLinkField(0, 'bprAlpha', 0.5);
    setLinkField(0, 'bprBeta', 2);
    setLinkField(0, 'freeFlowMin', 3.5);
    setTransportField('transport.tollWeight', 2);
    expect(t().links[0]).toMatchObject({ bprAlpha: 0.5, bprBeta: 2, freeFlowMin: 3.5 });
    expect(t().tollWeight).toBe(2);
    expect(issues().size).toBe(0);
    setLinkField(0, 'bprAlpha', -1);
    expect(issues().has('transport.links[0].bprAlpha')).toBe(true);
  });

  it('deleting a node takes its links and trips with it; a station there is kept and flagged', () => {
    const i = t().nodes.findIndex((n) => n.id === '5');
    const links = t().links.length, touching = t().links.filter((l) => l.from === '5' || l.to === '5').length;
    deleteNode(i);
    expect(t().nodes.some((n) => n.id === '5')).toBe(false);
    expect(t().links).toHaveLength(links - touching);
    expect(t().demand.some((d) => d.from === '5' || d.to === '5')).toBe(false);
    const station = doc().evcs!.stations.findIndex((s) => s.node === '5');
    expect(station).toBeGreaterThanOrEqual(0);
    expect(issues().get(`evcs.stations[${station}].node`)).toMatch(/does not exist/);
  });

  it('adds a node beside the selected one, a link out of it and its reverse', () => {
    const n = t().nodes.length;
    addNode('5');
    const added = t().nodes[n]!;
    expect(added.id).not.toBe('5');
    expect(t().nodes.filter((x) => x.id === added.id)).toHaveLength(1);
    addLink(added.id);
    const link = t().links.at(-1)!;
    expect(link.from).toBe(added.id);
    addReverseLink(t().links.length - 1);
    expect(t().links.at(-1)).toMatchObject({ from: link.to, to: link.from, capacityVehPerH: link.capacityVehPerH });
    expect(issues().size).toBe(0);
  });
});

describe('EV charging edits', () => {
  beforeEach(() => useDocument.getState().load(structuredClone(SAMPLE), { path: null, name: 'riverside-evcs.ggs.json' }));

  it('a station moved to the substation bus or a zone centroid, or with its price maximum below the minimum, is flagged at that field', () => {
    const sub = doc().network.substation.busId;
    setEvcsListField('stations', 0, 'busId', sub);
    setEvcsListField('stations', 1, 'priceMinPerKwh', 0.5);
    setEvcsListField('stations', 1, 'priceMaxPerKwh', 0.4);
    const is = issues();
    expect(is.get('evcs.stations[0].busId')).toMatch(/substation/);
    expect(is.get('evcs.stations[1].priceMaxPerKwh')).toMatch(/at least/);
    expect(sectionHasIssue(section('evcsStations'), is.keys())).toBe(2);
    expect(sectionHasIssue(section('evcs'), is.keys())).toBe(0);
  });

  it('chargers that are not a whole number are refused; undo brings back the count', () => {
    const old = doc().evcs!.stations[2]!.chargers;
    setEvcsListField('stations', 2, 'chargers', 2.5);
    expect(issues().has('evcs.stations[2].chargers')).toBe(true);
    undo();
    expect(doc().evcs!.stations[2]!.chargers).toBe(old);
  });

  it('a prosumer gains a generator by its pMax and loses it when pMax is cleared', () => {
    const i = doc().evcs!.prosumers!.findIndex((p) => !p.generator);
    setEvcsListField('prosumers', i, 'generator.pMaxKw', 200);
    expect(doc().evcs!.prosumers![i]!.generator).toMatchObject({ pMaxKw: 200 });
    expect(issues().size).toBe(0);
    setEvcsListField('prosumers', i, 'generator.pMaxKw', undefined);
    expect(doc().evcs!.prosumers![i]!.generator).toBeUndefined();
  });

  it('the DSO tariff: a feed-in above the tariff is refused at its path', () => {
    setEvcsField('evcs.dso.sellPricePerKwh', 0.3);
    expect(issues().get('evcs.dso.sellPricePerKwh')).toMatch(/must not exceed/);
    expect(sectionHasIssue(section('evcs'), issues().keys())).toBe(1);
  });

  it('a new station takes a free through node and a feeder bus with no station, and is valid', () => {
    addStation();
    const s = doc().evcs!.stations.at(-1)!;
    expect(doc().evcs!.stations.filter((x) => x.node === s.node)).toHaveLength(1);
    expect(s.busId).not.toBe(doc().network.substation.busId);
    expect(issues().size).toBe(0);
  });
});

describe('starting from nothing', () => {
  it('a road network, then EV charging on it, make a valid scenario; both are single undo steps', () => {
    useDocument.getState().load(emptyScenario(), { path: null, name: 'new.ggs.json' });
    addBus(null); // the empty feeder has only its substation, where no station may be
    useDocument.temporal.getState().clear();
    expect(section('roadNodes').visible!(doc())).toBe(false);
    createRoadNetwork();
    expect(section('roadNodes').visible!(doc())).toBe(true);
    createEvcs();
    expect(issues().size).toBe(0);
    expect(history().pastStates).toHaveLength(2);
    undo();
    expect(doc().evcs).toBeUndefined();
  });
});

describe('the TNTP import dialog reads the files as ggs import tntp does', () => {
  const fixture = (name: string) => ({ name, text: readFileSync(new URL(`test/fixtures/tntp/${name}`, ROOT), 'utf8') });
  it('Millbrook: 9 nodes (3 zone centroids) with coordinates, 24 links, 6 OD pairs, a valid scenario', () => {
    const r = readTntp(fixture('millbrook_net.tntp'), fixture('millbrook_trips.tntp'), fixture('millbrook_node.tntp'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const tr = r.imported.scenario.transport!;
    expect([tr.nodes.length, tr.nodes.filter((n) => n.through === false).length, tr.links.length, tr.demand.length]).toEqual([9, 3, 24, 6]);
    expect(tr.nodes.find((n) => n.id === '3')).toMatchObject({ x: 1000, y: 1600 });
    expect(validateScenario(r.imported.scenario).ok).toBe(true);
  });
  it('the broken copy is refused with its file, line and reason', () => {
    const r = readTntp(fixture('broken_net.tntp'), fixture('millbrook_trips.tntp'), undefined);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual({ file: 'broken_net.tntp', line: 16, message: 'column 3 (capacity) is not a number: "many"' });
  });
});
