/**
 * Every registered job kind is complete: a new kind is one module in
 * solver/jobs/kinds/ plus one line in JOB_KIND_MODULES (docs/architecture.md),
 * and everything the shell reads per kind comes from that module.
 */
import { describe, expect, it } from 'vitest';
import * as contract from '../../solver/contract.ts';
import { JOB_KIND_MODULES, JOB_KINDS, JOB_LABELS, WARM_START_KINDS, jobOptionSchemas, jobOutputs, jobSummaries, jobTables } from '../../solver/jobs/kindRegistry.ts';
import { jobDefinitions } from '../../solver/jobs/registry.ts';
import { JOB_KINDS as SCENARIO_JOB_KINDS } from '../../solver/jobKinds.ts';

describe('the registry of job kinds', () => {
  it('names the same kinds as solver/jobKinds.ts, the list a scenario\'s metadata.job is checked against', () => {
    // solver/jobKinds.ts cannot import the registry (the kind modules build on the scenario schema)
    expect([...SCENARIO_JOB_KINDS].sort()).toEqual([...JOB_KINDS].sort());
  });

  it('derives JOB_KINDS from its modules, in their order, without duplicates', () => {
    expect(JOB_KINDS).toEqual(JOB_KIND_MODULES.map((m) => m.kind));
    expect(new Set(JOB_KINDS).size).toBe(JOB_KINDS.length);
  });

  it('is what solver/contract.ts exports, under the names main, renderer, worker and CLI import', () => {
    expect(contract.JOB_KINDS).toBe(JOB_KINDS);
    expect(contract.JOB_LABELS).toBe(JOB_LABELS);
    expect(contract.jobOptionSchemas).toBe(jobOptionSchemas);
    expect(contract.jobOutputs).toBe(jobOutputs);
    expect(contract.WARM_START_KINDS).toBe(WARM_START_KINDS);
  });

  it('gives every kind a distinct label', () => {
    const labels = JOB_KINDS.map((k) => JOB_LABELS[k]);
    for (const label of labels) expect(label.length).toBeGreaterThan(10);
    expect(new Set(labels).size).toBe(labels.length);
  });

  describe.each(JOB_KIND_MODULES.map((m) => [m.kind, m] as const))('%s', (kind, m) => {
    it('has an options schema whose defaults parse and which refuses unknown options', () => {
      expect(jobOptionSchemas[kind]).toBe(m.options);
      expect(m.options.safeParse({}).success).toBe(true);
      expect(m.options.safeParse({ notAnOption: 1 }).success).toBe(false);
    });

    it('declares what-if outputs with distinct ids, labels, units and a shape', () => {
      const outputs = jobOutputs[kind];
      expect(outputs).toBe(m.outputs);
      expect(outputs.length).toBeGreaterThan(0);
      expect(new Set(outputs.map((o) => o.id)).size).toBe(outputs.length);
      for (const o of outputs) {
        expect(o.label, o.id).not.toBe('');
        expect(o.unit, o.id).not.toBe('');
        expect(['scalar', 'series', 'per-entity'], o.id).toContain(o.shape);
        expect(typeof o.extract, o.id).toBe('function');
        if (o.shape === 'per-entity') expect(typeof o.entities, o.id).toBe('function');
      }
    });

    it('says how the CLI prints it: summary lines and CSV tables', () => {
      expect(jobSummaries[kind]).toBe(m.summary);
      expect(jobTables[kind]).toBe(m.tables);
      expect(typeof m.summary).toBe('function');
      expect(typeof m.tables).toBe('function');
    });

    it('has a solver, which keeps a warm state exactly when the kind says it can start warm', () => {
      const definition = jobDefinitions[kind];
      expect(definition.kind).toBe(kind);
      expect(WARM_START_KINDS.includes(kind as never)).toBe(m.warmStart);
      expect(typeof definition.warmState === 'function').toBe(m.warmStart);
    });
  });
});
