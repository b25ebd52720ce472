import { describe, expect, it } from 'vitest';
import { radialTopology } from '../../solver/network/topology.ts';
import { SolverError } from '../../solver/jobs/errors.ts';
import { validateScenario } from '../../solver/scenario/validate.ts';
import type { Network, ScenarioInput } from '../../solver/scenario/schema.ts';
import { feeder } from './support/network.ts';
import { thrown } from './support/thrown.ts';

function networkOf(input: ScenarioInput): Network {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.value.network;
}

const topologyError = (input: ScenarioInput) => thrown(SolverError, () => radialTopology(networkOf(input)));

describe('radialTopology(network)', () => {
  it('orders buses breadth-first from the substation, each after its parent', () => {
    const t = radialTopology(
      networkOf(feeder(['1', '2', '3', '4', '5'], [
        { id: 'a', from: '1', to: '2' },
        { id: 'b', from: '2', to: '3' },
        { id: 'c', from: '2', to: '4' },
        { id: 'd', from: '4', to: '5' },
      ])),
    );
    expect(Array.from(t.order).map((i) => t.busIds[i])).toEqual(['1', '2', '3', '4', '5']);
    expect(Array.from(t.parent)).toEqual([-1, 0, 1, 1, 3]);
    expect(t.children[1]).toEqual([2, 3]);
    expect(Array.from(t.parentLine)).toEqual([-1, 0, 1, 2, 3]);
  });

  it('orients a line listed to→from away from the substation and marks it reversed', () => {
    const t = radialTopology(
      networkOf(feeder(['1', '2', '3'], [
        { id: 'a', from: '1', to: '2' },
        { id: 'b', from: '3', to: '2' },
      ])),
    );
    expect(t.parent[2]).toBe(1);
    expect(t.reversed).toEqual([false, true]);
    expect(Array.from(t.fedBus)).toEqual([1, 2]);
  });

  it('ignores out-of-service lines, so an open tie switch does not make a loop', () => {
    const t = radialTopology(
      networkOf(feeder(['1', '2', '3'], [
        { id: 'a', from: '1', to: '2' },
        { id: 'b', from: '1', to: '3' },
        { id: 'tie', from: '2', to: '3', inService: false },
      ])),
    );
    expect(t.parentLine[2]).toBe(1);
    expect(t.fedBus[2]).toBe(-1);
  });

  it('names the lines that form a loop (meshed-network)', () => {
    const e = topologyError(
      feeder(['1', '2', '3'], [
        { id: 'a', from: '1', to: '2' },
        { id: 'b', from: '2', to: '3' },
        { id: 'tie', from: '3', to: '1' },
      ]),
    );
    expect(e.error.code).toBe('meshed-network');
    expect(e.status).toBe('invalid');
    expect(e.message).toMatch(/lines "\w+", "\w+", "\w+" form a loop/);
    for (const id of ['a', 'b', 'tie']) expect(e.message).toContain(`"${id}"`);
    expect(e.error.details?.loops).toBe(1);
    expect(e.error.hint).toMatch(/out of service/);
  });

  it('treats two parallel lines between the same buses as a loop', () => {
    const e = topologyError(feeder(['1', '2'], [
      { id: 'a', from: '1', to: '2' },
      { id: 'a2', from: '2', to: '1' },
    ]));
    expect(e.error.code).toBe('meshed-network');
    expect(e.error.details?.lines).toBe('a2');
    expect(e.message).toContain('lines "a", "a2" form a loop');
  });

  it('names each loop of a network with two of them', () => {
    const e = topologyError(
      feeder(['1', '2', '3', '4', '5'], [
        { id: 'a', from: '1', to: '2' },
        { id: 'b', from: '2', to: '3' },
        { id: 'c', from: '3', to: '1' },
        { id: 'd', from: '2', to: '4' },
        { id: 'e', from: '4', to: '5' },
        { id: 'f', from: '5', to: '2' },
      ]),
    );
    expect(e.error.details?.loops).toBe(2);
    expect(e.message).toMatch(/2 loops/);
  });

  it('names every bus the substation cannot reach (disconnected-bus) with the path of the first', () => {
    const e = topologyError(
      feeder(['1', '2', '3', '4'], [
        { id: 'a', from: '1', to: '2' },
        { id: 'b', from: '3', to: '4', inService: true },
      ]),
    );
    expect(e.error.code).toBe('disconnected-bus');
    expect(e.message).toContain('"3"');
    expect(e.message).toContain('"4"');
    expect(e.message).not.toContain('"2"');
    expect(e.error.path).toBe('network.buses[2]');
  });

  it('reports a bus cut off by an out-of-service line as disconnected', () => {
    const e = topologyError(feeder(['1', '2'], [{ id: 'a', from: '1', to: '2', inService: false }]));
    expect(e.error.code).toBe('disconnected-bus');
    expect(e.error.path).toBe('network.buses[1]');
  });

  it('accepts a substation alone (no lines)', () => {
    const t = radialTopology(networkOf(feeder(['1'], [])));
    expect(Array.from(t.order)).toEqual([0]);
  });
});
