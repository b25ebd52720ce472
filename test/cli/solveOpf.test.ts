/** `ggs solve --job opf`: the DER sample solves with either backend; an out-of-reach voltage floor exits 3 naming bus, hour and field. */
import { describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { ggs, repoRoot } from './support/ggs.ts';

vi.setConfig({ testTimeout: 90_000 });
const asset = (name: string) => join(repoRoot, 'assets/scenarios', name);

describe('ggs solve --job opf', () => {
  it('solves the DER sample with HiGHS and prints the result JSON with the LP certificate', async () => {
    const run = await ggs(['solve', asset('ieee33-der.ggs.json'), '--job', 'opf', '--backend', 'highs', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.status).toBe('ok');
    expect(result.certificate.lp.backend).toBe('highs');
    expect(result.data.summary.cost).toBeCloseTo(4209.9006817913, 6);
  });

  it('exits 3 with the path and a planner sentence when a voltage floor cannot be met', async () => {
    const run = await ggs(['solve', asset('ieee33-day.ggs.json'), '--job', 'opf', '--set', 'network.buses[id=18].vminPu=0.95']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/network\.buses\[17\]\.vminPu: no operating point satisfies every limit: bus 18 voltage cannot be kept above 0\.95 p\.u\. at 18:00/);
  });
});
