/**
 * Transactions: a body, its id (SHA-256 of the RFC 8785 canonical body), the
 * parties' Ed25519 signatures of the id and the neutral nodes' co-signatures.
 * Signatures sign the id, never the encoded transaction, so re-encoding a
 * signature or the JSON around it cannot change what the ledger identifies
 * (malleability.ts shows a scheme where it does).
 */
import { canonicalHash } from './canonical.ts';
import { signText, txMessage, verifyText, type KeyPair } from './keys.ts';
import type { LedgerConfig, SignedBy, Transaction, TxBody } from './format.ts';

/** Rounds to 1e-9: the precision the ledger records quantities and money in (binary noise like 0.30000000000000004 stays out of the file). */
export const round9 = (x: number): number => {
  const r = Math.round(x * 1e9) / 1e9;
  return Object.is(r, -0) ? 0 : r;
};

export const txId = (body: TxBody): string => canonicalHash(body);

/** Who must sign a body: seller and buyer of a trade, nobody for a contract's reward. */
export const requiredParties = (body: TxBody): string[] => (body.kind === 'trade' ? [body.seller, body.buyer] : []);

export function signTransaction(body: TxBody, parties: readonly KeyPair[], cosigners: readonly KeyPair[]): Transaction {
  const id = txId(body);
  const message = txMessage(id);
  const sign = (k: KeyPair): SignedBy => ({ name: k.name, signature: signText(message, k) });
  return { id, body, parties: parties.map(sign), cosigners: cosigners.map(sign) };
}

/** A fault found in a transaction: where (relative to it) and what. */
export interface TxFault {
  path: string;
  message: string;
}

/**
 * Checks one transaction against the config's keys: the id is the hash of the body, both parties signed it, and at
 * least `threshold` distinct neutral nodes co-signed it. Returns the first fault or null.
 */
export function checkTransaction(tx: Transaction, config: LedgerConfig): TxFault | null {
  const id = txId(tx.body);
  if (id !== tx.id) return { path: 'id', message: `is not the SHA-256 of the canonical body (that is ${id.slice(0, 16)}…)` };
  const message = txMessage(tx.id);
  const partyKeys = new Map(config.parties.map((p) => [p.name, p.publicKey]));
  const required = requiredParties(tx.body);
  if (tx.parties.length !== required.length || required.some((name, i) => tx.parties[i]!.name !== name))
    return { path: 'parties', message: `must be signed by ${required.length ? required.join(' and ') : 'no party'}, in that order` };
  for (const [i, s] of tx.parties.entries()) {
    const key = partyKeys.get(s.name);
    if (!key) return { path: `parties[${i}].name`, message: `"${s.name}" is not a party of the ledger` };
    if (!verifyText(s.signature, message, key)) return { path: `parties[${i}].signature`, message: `is not ${s.name}'s signature of this transaction` };
  }
  const neutralKeys = new Map(config.neutral.nodes.map((p) => [p.name, p.publicKey]));
  const seen = new Set<string>();
  for (const [i, s] of tx.cosigners.entries()) {
    const key = neutralKeys.get(s.name);
    if (!key) return { path: `cosigners[${i}].name`, message: `"${s.name}" is not a neutral node` };
    if (seen.has(s.name)) return { path: `cosigners[${i}].name`, message: `${s.name} co-signed twice` };
    if (!verifyText(s.signature, message, key)) return { path: `cosigners[${i}].signature`, message: `is not ${s.name}'s signature of this transaction` };
    seen.add(s.name);
  }
  if (seen.size < config.neutral.threshold)
    return { path: 'cosigners', message: `${seen.size} of ${config.neutral.nodes.length} neutral nodes co-signed, below the threshold ${config.neutral.threshold}` };
  return null;
}
