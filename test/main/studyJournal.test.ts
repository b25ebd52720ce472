/**
 * DIR/points.jsonl: what a resumed run finds in it — the points written
 * before the interruption (a line cut short by a crash dropped), failed points
 * left to run again, and a refusal for a folder of another study.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PointOutcome, StudyHead } from '../../solver/whatif/execute.ts';
import { JOURNAL_FILE, StudyJournal } from '../../main/whatif/studyJournal.ts';

const head = { job: 'powerflow', study: { kind: 'sweep', param: { path: 'network.loadScale', values: { kind: 'list', values: [1, 2, 3] } } }, base: { scenarioHash: 'h', options: {}, seed: 1, backend: 'glpk' }, outputs: [], pointCount: 3, version: 'test' } as StudyHead;
const outcome = (status: PointOutcome['status'], x: number): PointOutcome => ({ status, message: status, outputs: { x }, at: {}, jobMs: 5, scenarioHash: `s${x}` });
const point = (index: number) => ({ index, assignments: [{ path: 'network.loadScale', value: index + 1 }] });

describe('StudyJournal', () => {
  it('serves the points written before a crash, drops a line cut short, and reruns failed points', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ggs-journal-'));
    const first = StudyJournal.open(dir, head, false);
    first.append(point(0), 'k0', outcome('ok', 0.1 + 0.2));
    first.append(point(1), 'k1', outcome('failed', 1));
    first.close();
    appendFileSync(join(dir, JOURNAL_FILE), '{"index":2,"key":"k2","outc'); // the crash

    const resumed = StudyJournal.open(dir, head, true);
    expect(resumed.savedCount).toBe(1);
    expect(resumed.cache.get('k0')).toEqual(outcome('ok', 0.30000000000000004)); // numbers round-trip to the bit
    expect(resumed.cache.get('k1')).toBeUndefined(); // a crashed worker's point is run again
    resumed.append(point(0), 'k0', outcome('ok', 0.3)); // served from the journal: not written twice
    resumed.append(point(1), 'k1', outcome('ok', 1));
    resumed.close();
    const lines = readFileSync(join(dir, JOURNAL_FILE), 'utf8').split('\n');
    expect(lines.map((l) => (l ? JSON.parse(l).key : ''))).toEqual([undefined, 'k0', 'k1', 'k1', '']);
    expect(StudyJournal.open(dir, head, true).savedCount).toBe(2);
  });

  it('refuses to resume another study, naming what differs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ggs-journal-'));
    StudyJournal.open(dir, head, false).close();
    expect(() => StudyJournal.open(dir, { ...head, base: { ...head.base, seed: 2 } }, true)).toThrow(/holds another study \(a different base scenario, options, seed or backend\)/);
    expect(() => StudyJournal.open(dir, { ...head, shard: { index: 0, count: 2 } }, true)).toThrow(/shard 0\/2, not none|shard none, not 0\/2/);
  });
});
