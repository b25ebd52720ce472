/**
 * End-to-end check of a ledger file, from its bytes: the layout (any byte
 * the JSON parser would forgive — whitespace, an escape, a number's spelling
 * — must still be exactly the file `serializeLedger` writes), the schema,
 * the config hash, and per block: header fields, every transaction (id,
 * party signatures, m-of-n co-signatures, no id twice in the ledger), the
 * Merkle root, the contract hash and its re-clearing, the block hash, the
 * link to the previous block and 2f + 1 validators' commit signatures.
 * Faults are listed in file order; the first one names the broken item.
 */
import { canonicalHash } from './canonical.ts';
import { commitMessage, verifyText } from './keys.ts';
import { merkleRoot } from './merkle.ts';
import { GENESIS_PREV, ledgerFile, serializeLedger, type LedgerFile } from './format.ts';
import { checkTransaction } from './transaction.ts';
import { blockHash } from './settle.ts';
import { contractMismatch } from './contract.ts';

export interface LedgerFault {
  /** where, as a path into the file (e.g. blocks[2].transactions[0].parties[1].signature), or "byte N" */
  path: string;
  message: string;
}

export interface LedgerReport {
  ok: boolean;
  faults: LedgerFault[];
  blocks: number;
  transactions: number;
  /** the config hash: compare it with the one published for the run (it pins every public key) */
  configHash: string | null;
  /** blocks whose trades were re-cleared from their recorded bids */
  recleared: number;
}

export interface VerifyOptions {
  /** re-run each block's contract (default true) */
  reclear?: boolean;
  /** stop after this many faults (default 20) */
  maxFaults?: number;
}

/** The first byte where two byte strings differ, or -1. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

const empty = (faults: LedgerFault[]): LedgerReport => ({ ok: false, faults, blocks: 0, transactions: 0, configHash: null, recleared: 0 });

export function verifyLedgerBytes(bytes: Uint8Array, options: VerifyOptions = {}): LedgerReport {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return empty([{ path: 'file', message: 'is not UTF-8 text' }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return empty([{ path: 'file', message: `is not JSON: ${(e as Error).message}` }]);
  }
  const parsed = ledgerFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return empty([{ path: issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || 'file', message: issue.message }]);
  }
  const layout = firstDifference(bytes, new TextEncoder().encode(serializeLedger(raw as LedgerFile)));
  const report = verifyLedger(parsed.data, options);
  if (layout >= 0) report.faults.unshift({ path: `byte ${layout}`, message: 'differs from the ledger layout (two-space JSON, the same text the JSON parser reads): the file was edited' });
  report.ok = report.faults.length === 0;
  return report;
}

export function verifyLedger(ledger: LedgerFile, options: VerifyOptions = {}): LedgerReport {
  const faults: LedgerFault[] = [];
  const max = options.maxFaults ?? 20;
  const fault = (path: string, message: string) => void (faults.length < max && faults.push({ path, message }));
  const { config } = ledger;
  const configHash = canonicalHash(config);
  if (configHash !== ledger.configHash) fault('configHash', `is not the SHA-256 of the canonical config (that is ${configHash.slice(0, 16)}…)`);
  const n = config.validators.nodes.length, f = config.validators.f;
  if (n !== 3 * f + 1) fault('config.validators', `${n} validators for f = ${f}; PBFT needs n = 3f + 1 = ${3 * f + 1}`);
  if (config.neutral.threshold > config.neutral.nodes.length) fault('config.neutral.threshold', `${config.neutral.threshold} exceeds the ${config.neutral.nodes.length} neutral nodes`);
  const validatorKeys = new Map(config.validators.nodes.map((v) => [v.name, v.publicKey]));
  const validatorNames = config.validators.nodes.map((v) => v.name);
  const ids = new Map<string, string>();
  let transactions = 0, recleared = 0;
  let prev = GENESIS_PREV;
  for (const [b, block] of ledger.blocks.entries()) {
    const at = `blocks[${b}]`;
    const h = block.header;
    if (h.height !== b) fault(`${at}.header.height`, `is ${h.height}; block ${b} must have height ${b}`);
    if (h.prevHash !== prev) fault(`${at}.header.prevHash`, b === 0 ? 'must be 64 zeros in the first block' : `is not the hash of block ${b - 1}`);
    if (h.configHash !== configHash) fault(`${at}.header.configHash`, 'is not the hash of the ledger config');
    for (const [t, tx] of block.transactions.entries()) {
      transactions++;
      const bad = checkTransaction(tx, config);
      if (bad) fault(`${at}.transactions[${t}].${bad.path}`, bad.message);
      const first = ids.get(tx.id);
      if (first) fault(`${at}.transactions[${t}].id`, `was already settled at ${first}: a transaction is paid once`);
      else ids.set(tx.id, `${at}.transactions[${t}]`);
    }
    if (h.txCount !== block.transactions.length) fault(`${at}.header.txCount`, `is ${h.txCount}; the block holds ${block.transactions.length}`);
    if (merkleRoot(block.transactions.map((t) => t.id)) !== h.merkleRoot) fault(`${at}.header.merkleRoot`, 'is not the Merkle root of the transaction ids');
    const contractHash = block.contract ? canonicalHash(block.contract) : null;
    if (contractHash !== h.contractHash) fault(`${at}.header.contractHash`, 'does not match the recorded contract');
    else if (block.contract && options.reclear !== false) {
      let mismatch: ReturnType<typeof contractMismatch>;
      try {
        mismatch = contractMismatch(block.contract, block.transactions, validatorNames);
      } catch (e) {
        mismatch = { index: -1, message: (e as Error).message };
      }
      if (mismatch) fault(mismatch.index >= 0 ? `${at}.transactions[${mismatch.index}]` : `${at}.contract`, mismatch.message);
      recleared++;
    }
    const hash = blockHash(h);
    if (hash !== block.hash) fault(`${at}.hash`, `is not the SHA-256 of the canonical header (that is ${hash.slice(0, 16)}…)`);
    const signers = new Set<string>();
    for (const [c, s] of block.commits.entries()) {
      const key = validatorKeys.get(s.name);
      if (!key) fault(`${at}.commits[${c}].name`, `"${s.name}" is not a validator`);
      else if (signers.has(s.name)) fault(`${at}.commits[${c}].name`, `${s.name} committed twice`);
      else if (!verifyText(s.signature, commitMessage(block.hash), key)) fault(`${at}.commits[${c}].signature`, `is not ${s.name}'s commit of this block`);
      else signers.add(s.name);
    }
    if (signers.size < 2 * f + 1) fault(`${at}.commits`, `${signers.size} valid commit signatures; a block needs 2f + 1 = ${2 * f + 1}`);
    prev = block.hash;
  }
  return { ok: faults.length === 0, faults, blocks: ledger.blocks.length, transactions, configHash, recleared };
}
