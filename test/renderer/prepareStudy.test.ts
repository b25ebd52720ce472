import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { prepareStudy, readValues } from '../../renderer/src/whatif/runWhatif.ts';
import type { WhatifForm } from '../../renderer/src/whatif/whatifStore.ts';

const ieee33 = JSON.parse(readFileSync(new URL('../fixtures/scenarios/ieee33.ggs.json', import.meta.url), 'utf8'));
const form: WhatifForm = {
  kind: 'powerflow', design: 'sweep', param: 'network.loadScale', values: '0.5:1.5:5', grid: false, param2: '', values2: '',
  outputs: ['minVoltagePu'], tornadoParams: [], deltaPct: '10',
};

describe('prepareStudy (the what-if panel’s checks before a run)', () => {
  it('turns the form into a sweep study with the chosen outputs and the run panel’s options', () => {
    const prepared = prepareStudy(ieee33, form, { maxIterations: 50 });
    expect(prepared.ok && prepared.study).toMatchObject({
      base: { kind: 'powerflow', options: { maxIterations: 50 } },
      design: { kind: 'sweep', param: { path: 'network.loadScale', values: { kind: 'linear', from: 0.5, to: 1.5, steps: 5 } } },
      outputs: ['minVoltagePu'],
    });
  });

  it('a second parameter makes a grid', () => {
    const prepared = prepareStudy(ieee33, { ...form, grid: true, param2: 'network.substation.vmPu', values2: '0.98,1.02' }, undefined);
    expect(prepared.ok && prepared.study.design.kind).toBe('grid');
  });

  it('lists every reason not to run: unreadable values, values that invalidate the scenario, no output, no second parameter', () => {
    const prepared = prepareStudy(ieee33, { ...form, values: '-1,1', grid: true, values2: '1:2', outputs: [] }, undefined);
    expect(prepared.ok).toBe(false);
    expect(!prepared.ok && prepared.issues).toEqual([
      expect.stringMatching(/^network\.loadScale: network\.loadScale = -1 makes the scenario invalid: /),
      'second parameter: choose a parameter',
      'second parameter values: cannot read values "1:2": expected FROM:TO:STEPS, log:FROM:TO:STEPS or a list v1,v2,...',
      'outputs: choose at least one output',
    ]);
  });

  it('a tornado takes its parameters and ±%, and refuses a non-positive ±%', () => {
    const tornado = { ...form, design: 'tornado' as const, tornadoParams: ['network.loadScale', 'network.substation.vmPu'] };
    const prepared = prepareStudy(ieee33, tornado, undefined);
    expect(prepared.ok && prepared.study.design).toEqual({ kind: 'tornado', params: ['network.loadScale', 'network.substation.vmPu'], deltaPct: 10 });
    const bad = prepareStudy(ieee33, { ...tornado, deltaPct: '0' }, undefined);
    expect(!bad.ok && bad.issues).toEqual(['±%: must be a number above 0, not "0"']);
  });

  it('refuses a path that is not a number', () => {
    const prepared = prepareStudy(ieee33, { ...form, param: 'network.buses[0].id' }, undefined);
    expect(!prepared.ok && prepared.issues[0]).toMatch(/network\.buses\[0\]\.id/);
  });

  it('readValues previews the values or says why not', () => {
    expect(readValues('log:10:1000:3')).toMatchObject({ ok: true, values: [10, 100, 1000] });
    expect(readValues('')).toMatchObject({ ok: false });
  });
});
