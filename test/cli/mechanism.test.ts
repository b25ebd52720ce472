/**
 * `ggs import bids` (a scenario holding a CSV bid book; row-numbered errors,
 * exit 2, nothing written; the overwrite rule) and `ggs solve --job
 * mechanism` (the per-mechanism summary, --option choosing the rules, JSON).
 */
import { describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, writeFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, ggs, repoRoot } from './support/ggs.ts';
import { validateScenario } from '../../solver/scenario/validate.ts';

vi.setConfig({ testTimeout: 60_000 });
const exists = (f: string) => access(f).then(() => true, () => false);

describe('ggs import bids', () => {
  it('creates a valid scenario holding the book, its buses and the mechanism job', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'ggs-bids-')), 'classroom.ggs.json');
    const run = await ggs(['import', 'bids', join(repoRoot, 'assets/bids/classroom.csv'), '--out', out, '--units', 'blocks']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/classroom\.csv → .*classroom\.ggs\.json: 8 bids, 4 buyers, 4 sellers \(blocks\)/);
    const check = validateScenario(JSON.parse(await readFile(out, 'utf8')));
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.value.metadata.job).toBe('mechanism');
    expect(check.value.network.buses.map((b) => b.id)).toEqual(['pcc', 'n1', 'n2']);
    expect(check.value.bidBook!.bids.map((b) => b.price)).toEqual([10, 8, 6, 4, 2, 3, 5, 7]);
    expect(check.value.bidBook!.bids[7]!.bus).toBeUndefined();
  });

  it('reports every bad row with its number and column, exits 2 and writes nothing', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'ggs-bids-')), 'bad.ggs.json');
    const run = await ggs(['import', 'bids', fixture('bids/bad.csv'), '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.csv: row 3, column price: must be a number, not "abc"/);
    expect(run.stderr).toMatch(/bad\.csv: row 4, column side: must be buy or sell, not "hold"/);
    expect(run.stderr).toMatch(/bad\.csv: row 5, column quantity: must not be negative/);
    expect(await exists(out)).toBe(false);
  });

  it('keeps an existing --out without --force and never writes over its input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ggs-bids-'));
    const out = join(dir, 'kept.ggs.json');
    await writeFile(out, 'keep me');
    const run = await ggs(['import', 'bids', join(repoRoot, 'assets/bids/classroom.csv'), '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/already exists \(add --force to replace it\)/);
    expect(await readFile(out, 'utf8')).toBe('keep me');
    const csv = join(dir, 'book.csv');
    await writeFile(csv, await readFile(join(repoRoot, 'assets/bids/classroom.csv')));
    const self = await ggs(['import', 'bids', csv, '--out', csv, '--force']);
    expect(self.code).toBe(2);
    expect(self.stderr).toMatch(/would overwrite the input/);
  });
});

describe('ggs solve --job mechanism', () => {
  const classroom = join(repoRoot, 'assets/scenarios/classroom-bid-book.ggs.json');

  it('prints one line of metrics per mechanism on the classroom book', async () => {
    const run = await ggs(['solve', classroom, '--job', 'mechanism']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/period 1: 4 buyers, 4 sellers, 8 bids \(blocks\); efficient welfare 14/);
    expect(run.stdout).toMatch(/^ +vcg +welfare 14 +efficiency 1 +budget -3 .*misreport gain 0$/m);
    expect(run.stdout).toMatch(/^ +cpa +welfare 13 +efficiency 0\.929 +budget 2 /m);
    expect(run.stdout).toMatch(/^ +uniform-price .*misreport gain 0\.5 \(b1\)$/m);
  });

  it('runs only the mechanisms --option names and prints JSON with payments per agent', async () => {
    const run = await ggs(['solve', classroom, '--option', 'mechanisms=vcg,mcafee', '--option', 'misreport=false', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.data.mechanisms.map((m: { id: string }) => m.id)).toEqual(['vcg', 'mcafee']);
    // VCG: b1 pays the others' loss from its presence; McAfee: everyone at p0 = 5.5
    expect(result.data.mechanisms[1].payments).toMatchObject({ b1: 5.5, s1: -5.5, b4: 0 });
    expect(result.data.mechanisms[0].misreport).toBeNull();
  });

  it('clears energy and spectrum together on the community sample and prints the price split; refuses the rule without a spectrum section', async () => {
    const community = join(repoRoot, 'assets/scenarios/small-community-market.ggs.json');
    const run = await ggs(['solve', community, '--job', 'mechanism', '--option', 'mechanisms=iterative-coupled', '--option', 'misreport=false']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ +spectrum +β 1 units\/kWh, 7 units from 2 sellers; coupled optimum 0\.62$/m);
    expect(run.stdout).toMatch(/^ +iterative-coupled +welfare 0\.62 +efficiency 1 +budget 0 +volume 7 /m);
    expect(run.stdout).toMatch(/^ +iterative-coupled +delivered price 0\.16 = energy 0\.11 \+ β × spectrum 0\.05$/m);
    const json = JSON.parse((await ggs(['solve', community, '--job', 'mechanism', '--option', 'mechanisms=iterative-coupled', '--option', 'misreport=false', '--json'])).stdout);
    expect(json.data.mechanisms[0].payments['tower-a']).toBeCloseTo(-0.2, 12);
    expect(json.data.mechanisms[0].payments['tower-b']).toBeCloseTo(-0.15, 12);
    const refused = await ggs(['solve', classroom, '--option', 'mechanisms=iterative-coupled']);
    expect(refused.code, refused.stderr).toBe(0);
    expect(refused.stdout).toMatch(/^ +iterative-coupled +refused: .*needs a spectrum section \(bidBook\.spectrum/m);
  });

  it('refuses an unknown mechanism with the option path (exit 2)', async () => {
    const run = await ggs(['solve', classroom, '--option', 'mechanisms=vcg,nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/options\.mechanisms/);
  });
});
