/**
 * `ggs import tntp` (hand-made TNTP files: a scenario for the traffic job;
 * FILE:LINE errors, exit 2, nothing written) and `ggs solve --job traffic`
 * (summary, exit 4 for an uncertified Frank–Wolfe, CSV tables).
 */
import { describe, expect, it, vi } from 'vitest';
import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ggs, repoRoot } from './support/ggs.ts';
import { validateScenario } from '../../solver/scenario/validate.ts';

vi.setConfig({ testTimeout: 60_000 });
const exists = (f: string) => access(f).then(() => true, () => false);

const NET = `<NUMBER OF ZONES> 2
<NUMBER OF NODES> 3
<FIRST THRU NODE> 1
<NUMBER OF LINKS> 4
<END OF METADATA>
~ init_node term_node capacity length free_flow_time b power speed toll link_type ;
1 3 1000 1 5 0.15 4 0 0 1 ;
3 2 1000 1 5 0.15 4 0 0 1 ;
1 2 500 3 12 0.15 4 0 0 1 ;
2 1 500 3 12 0.15 4 0 0 1 ;
`;
const TRIPS = `<NUMBER OF ZONES> 2
<END OF METADATA>
Origin 1
  2 : 1500.0;
Origin 2
  1 : 300.0;
`;

async function files(net = NET, trips = TRIPS) {
  const dir = await mkdtemp(join(tmpdir(), 'ggs-tntp-'));
  await writeFile(join(dir, 'net.tntp'), net);
  await writeFile(join(dir, 'trips.tntp'), trips);
  return dir;
}

describe('ggs import tntp', () => {
  it('writes a valid traffic scenario that solves', async () => {
    const dir = await files();
    const out = join(dir, 'city.ggs.json');
    const run = await ggs(['import', 'tntp', join(dir, 'net.tntp'), join(dir, 'trips.tntp'), '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/net\.tntp → .*city\.ggs\.json: 3 nodes, 4 links, 2 OD pairs/);
    expect(run.stderr).toMatch(/warning: no node file/);
    const check = validateScenario(JSON.parse(await readFile(out, 'utf8')));
    expect(check.ok && check.value.metadata.job).toBe('traffic');
    const solved = await ggs(['solve', out, '--out', join(dir, 'result')]);
    expect(solved.code, solved.stderr).toBe(0);
    expect(solved.stdout).toMatch(/traffic of "net": ok/);
    expect(await readFile(join(dir, 'result', 'links.csv'), 'utf8')).toMatch(/^link,from,to,flowVehPerH/);
  });

  it('refuses a bad line with FILE:LINE and the reason, exit 2, writing nothing', async () => {
    const dir = await files(NET.replace('3 2 1000', '3 2 many'));
    const out = join(dir, 'city.ggs.json');
    const run = await ggs(['import', 'tntp', join(dir, 'net.tntp'), join(dir, 'trips.tntp'), '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('net.tntp:8: column 3 (capacity) is not a number: "many"');
    expect(await exists(out)).toBe(false);
  });
});

describe('ggs solve --job traffic', () => {
  it('Frank–Wolfe alone on Riverside: solved, but uncertified by the Wardrop check (exit 4)', async () => {
    const run = await ggs(['solve', join(repoRoot, 'assets/scenarios/riverside-traffic.ggs.json'), '--option', 'method=frank-wolfe']);
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/Wardrop excess of a used path/);
  });
});
