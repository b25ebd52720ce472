/**
 * The communication study card's model (renderer/src/microgrid/communicationStudy.ts):
 * the form is read like the what-if panel's values, the grid sweeps loss × delay on a
 * scenario that may have no communication settings, and on the classroom sample losing
 * messages makes ADMM need more iterations — the histories drawn are the runs' own.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runStudy } from '../../solver/whatif/execute.ts';
import { localExecutor } from '../../solver/whatif/localExecutor.ts';
import type { ScenarioInput } from '../../solver/scenario/schema.ts';
import { DELAY_PATH, LOSS_PATH, communicationRows, communicationStudy, lossFigure, readCommunicationForm, residualHistoryFigure, withCommunication } from '../../renderer/src/microgrid/communicationStudy.ts';

const sample = JSON.parse(readFileSync(join(import.meta.dirname, '../../assets/scenarios/classroom-microgrids.ggs.json'), 'utf8')) as ScenarioInput;

describe('communication study', () => {
  it('reads the form and refuses what the scenario schema would', () => {
    expect(readCommunicationForm({ loss: '0:0.6:4', delay: '0, 2' })).toEqual({ ok: true, loss: [0, 0.2, 0.4, 0.6000000000000001].map((x) => expect.closeTo(x, 12)), delay: [0, 2] });
    expect(readCommunicationForm({ loss: '0, 0.99', delay: '0' })).toMatchObject({ ok: false, message: expect.stringMatching(/from 0 to 0.95/) });
    expect(readCommunicationForm({ loss: '0', delay: '1.5' })).toMatchObject({ ok: false, message: expect.stringMatching(/whole numbers/) });
    expect(readCommunicationForm({ loss: 'x', delay: '0' })).toMatchObject({ ok: false, message: expect.stringMatching(/^loss probabilities: /) });
    expect(readCommunicationForm({ loss: '0:0.9:10', delay: '0:3:4' })).toMatchObject({ ok: false, message: expect.stringMatching(/40 settings: at most 30/) });
  });

  it('fills the communication settings a scenario lacks, keeping the rest', () => {
    const { microgridCoordination: _, ...bare } = sample;
    expect(withCommunication(bare).microgridCoordination).toEqual({ communication: { lossProbability: 0, maxDelayIterations: 0 } });
    const kept = withCommunication({ ...sample, microgridCoordination: { communication: { lossProbability: 0.1 } } }).microgridCoordination;
    expect(kept).toEqual({ communication: { lossProbability: 0.1, maxDelayIterations: 0 } });
    const study = communicationStudy(bare, [0, 0.3], [0, 1]);
    expect(study.design).toMatchObject({ kind: 'grid', param: { path: LOSS_PATH }, param2: { path: DELAY_PATH } });
    expect(study.base.options).toEqual({ admm: true });
  });

  it('on the classroom sample: more loss, more ADMM iterations; one residual history per setting, as long as its run', async () => {
    const result = await runStudy(communicationStudy(sample, [0, 0.3], [0]), localExecutor, {});
    const rows = communicationRows(result);
    expect(rows.map((r) => [r.loss, r.delay, r.status])).toEqual([
      [0, 0, 'ok'],
      [0.3, 0, 'ok'],
    ]);
    expect(rows[0]!.iterations).toBe(86);
    expect(rows[1]!.iterations!).toBeGreaterThan(rows[0]!.iterations!);
    for (const r of rows) {
      expect(r.converged).toBe(true);
      expect(r.gap!).toBeLessThan(1e-4);
      expect(r.primal).toHaveLength(r.iterations!);
    }
    const h = residualHistoryFigure(rows);
    expect(h.data).toHaveLength(2);
    expect((h.data[1] as { y: number[] }).y).toEqual(rows[1]!.primal);
    const l = lossFigure(rows);
    expect(l.data).toHaveLength(2); // iterations and gap for the one delay
    expect((l.data[0] as { y: number[] }).y).toEqual([rows[0]!.iterations, rows[1]!.iterations]);
  }, 120_000);
});
