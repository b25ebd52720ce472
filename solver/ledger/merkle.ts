/**
 * Merkle tree over transaction ids (RFC 6962 §2.1 shape): leaf hash
 * SHA-256(0x00 ‖ id), inner node SHA-256(0x01 ‖ left ‖ right), and a lone
 * last node carried up unpaired — so a leaf can never be taken for an inner
 * node (the second-preimage attack on Bitcoin's duplicate-last-node trees),
 * and the root of no transactions is SHA-256 of nothing.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes } from '@noble/hashes/utils.js';

const LEAF = Uint8Array.of(0), NODE = Uint8Array.of(1);
const leafHash = (id: string) => sha256(concatBytes(LEAF, hexToBytes(id)));
const nodeHash = (l: Uint8Array, r: Uint8Array) => sha256(concatBytes(NODE, l, r));

/** One step of an inclusion proof: the sibling's hash and on which side it sits. */
export interface ProofStep {
  side: 'left' | 'right';
  hash: string;
}

function levels(ids: readonly string[]): Uint8Array[][] {
  const out: Uint8Array[][] = [ids.map(leafHash)];
  while (out[out.length - 1]!.length > 1) {
    const level = out[out.length - 1]!, next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
    out.push(next);
  }
  return out;
}

export function merkleRoot(ids: readonly string[]): string {
  if (ids.length === 0) return bytesToHex(sha256(new Uint8Array(0)));
  const ls = levels(ids);
  return bytesToHex(ls[ls.length - 1]![0]!);
}

/** The siblings from leaf `index` up to the root. */
export function merkleProof(ids: readonly string[], index: number): ProofStep[] {
  if (!Number.isInteger(index) || index < 0 || index >= ids.length) throw new RangeError(`no leaf ${index} among ${ids.length}`);
  const proof: ProofStep[] = [];
  let i = index;
  for (const level of levels(ids).slice(0, -1)) {
    const sibling = i % 2 === 0 ? i + 1 : i - 1;
    if (sibling < level.length) proof.push({ side: i % 2 === 0 ? 'right' : 'left', hash: bytesToHex(level[sibling]!) });
    i = Math.floor(i / 2);
  }
  return proof;
}

/** Whether `proof` takes transaction `id` to `root`. */
export function verifyMerkleProof(id: string, proof: readonly ProofStep[], root: string): boolean {
  let h = leafHash(id);
  for (const step of proof) h = step.side === 'right' ? nodeHash(h, hexToBytes(step.hash)) : nodeHash(hexToBytes(step.hash), h);
  return bytesToHex(h) === root;
}
