#!/usr/bin/env node
/**
 * Writes the sample ledgers in assets/ledgers/ by settling sample scenarios'
 * runs with the CLI (`ggs ledger settle`, key seed "classroom"), so they can be
 * regenerated and compared byte for byte: `node scripts/samples/ledgers.mjs`.
 *
 * - classroom-cpa: the classroom book cleared by the competition padding
 *   auction — 2 trades and the CPA surplus paid to the 4 validators, with the
 *   bids recorded so every validator can re-clear the block;
 * - small-community: the small community market's uniform-price clearing.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ggs = (...args) => execFileSync(process.execPath, [path.join(root, 'bin/ggs.mjs'), ...args], { cwd: root, stdio: 'inherit' });

ggs('ledger', 'settle', 'assets/scenarios/classroom-bid-book.ggs.json', '--mechanism', 'cpa', '--out', 'assets/ledgers/classroom-cpa.ggsledger.json', '--force');
ggs('ledger', 'settle', 'assets/scenarios/small-community-market.ggs.json', '--mechanism', 'uniform-price', '--out', 'assets/ledgers/small-community.ggsledger.json', '--force');
