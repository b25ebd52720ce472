/**
 * `ggs ledger settle` (a solved run → a ledger file; the sample is what the
 * script writes) and `ggs ledger verify` (exit 0 with a summary; exit 1
 * naming the first broken item; exit 2 for a file that cannot be read).
 */
import { describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ggs, repoRoot } from './support/ggs.ts';

vi.setConfig({ testTimeout: 60_000 });
const classroom = join(repoRoot, 'assets/scenarios/classroom-bid-book.ggs.json');
const sample = join(repoRoot, 'assets/ledgers/classroom-cpa.ggsledger.json');

describe('ggs ledger', () => {
  it('settle writes the sample ledger byte for byte, and verify accepts it', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'ggs-ledger-')), 'c.ggsledger.json');
    const run = await ggs(['ledger', 'settle', classroom, '--mechanism', 'cpa', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/1 block, 6 transactions \(cpa\); 4 validators \(f = 1\), 2-of-3 neutral co-signatures; config [0-9a-f]{64}/);
    expect(await readFile(out, 'utf8')).toBe(await readFile(sample, 'utf8'));
    const check = await ggs(['ledger', 'verify', out]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/valid: 1 blocks, 6 transactions, every hash and signature checks, 1 blocks re-cleared from their bids/);
  });

  it('verify exits 1 and names the first broken item of an edited ledger', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ggs-ledger-'));
    const edited = join(dir, 'edited.ggsledger.json');
    await writeFile(edited, (await readFile(sample, 'utf8')).replace('"price": 6,', '"price": 7,'));
    const run = await ggs(['ledger', 'verify', edited]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/edited\.ggsledger\.json: broken at blocks\[0\]\.transactions\[0\]\.id: is not the SHA-256 of the canonical body/);
    const json = await ggs(['ledger', 'verify', edited, '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { ok: boolean; faults: { path: string; message: string }[] };
    expect(report.ok).toBe(false);
    // the id no longer matches the body, and re-clearing the bids gives the old price
    expect(report.faults.map((f) => f.path)).toEqual(['blocks[0].transactions[0].id', 'blocks[0].transactions[0]']);
    const missing = await ggs(['ledger', 'verify', join(dir, 'none.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the file \(no such file\)/);
  });

  it('settle --faulty: the blocks are agreed by PBFT with byzantine validators; only the honest ones commit, and past f nothing is settled', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ggs-ledger-'));
    const out = join(dir, 'f1.ggsledger.json');
    const run = await ggs(['ledger', 'settle', classroom, '--faulty', '1', '--behaviour', 'silent', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/4 validators \(f = 1, 1 silent: last view 1\)/);
    const ledger = JSON.parse(await readFile(out, 'utf8')) as { blocks: { header: { view: number; proposer: string }; commits: { name: string }[] }[] };
    expect(ledger.blocks[0]!.header).toMatchObject({ view: 1, proposer: 'validator-1' });
    expect(ledger.blocks[0]!.commits.map((c) => c.name)).toEqual(['validator-1', 'validator-2', 'validator-3']);
    expect((await ggs(['ledger', 'verify', out])).code).toBe(0);
    const broken = await ggs(['ledger', 'settle', classroom, '--faulty', '2', '--out', join(dir, 'f2.ggsledger.json')]);
    expect(broken.code).toBe(3);
    expect(broken.stderr).toMatch(/consensus failed: block 1 was never committed by every honest validator \(2 silent validators, f = 1\)/);
  });

  it('settle with a threshold above the neutral nodes, or a job without a market, exits 2', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'ggs-ledger-')), 'x.ggsledger.json');
    const high = await ggs(['ledger', 'settle', classroom, '--neutral', '2', '--threshold', '3', '--out', out]);
    expect(high.code).toBe(2);
    expect(high.stderr).toMatch(/--threshold 3: more than the 2 neutral nodes/);
    const opf = await ggs(['ledger', 'settle', join(repoRoot, 'assets/scenarios/ieee33.ggs.json'), '--out', out]);
    expect(opf.code).toBe(2);
    expect(opf.stderr).toMatch(/clears no market to settle|no --job given/);
  });
});
