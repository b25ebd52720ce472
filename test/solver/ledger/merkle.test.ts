import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { merkleProof, merkleRoot, verifyMerkleProof } from '../../../solver/ledger/merkle.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => bytesToHex(sha256(utf8ToBytes(`tx ${i}`))));

describe('Merkle tree of transaction ids', () => {
  it('proves every leaf of trees of 1 to 33 leaves, and no proof carries a wrong id or root', () => {
    for (let n = 1; n <= 33; n++) {
      const leaves = ids(n), root = merkleRoot(leaves);
      for (let i = 0; i < n; i++) {
        const proof = merkleProof(leaves, i);
        expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
        expect(verifyMerkleProof(leaves[i]!, proof, root)).toBe(true);
        expect(verifyMerkleProof(leaves[(i + 1) % n]!, proof, root)).toBe(n === 1);
        expect(verifyMerkleProof(leaves[i]!, proof, merkleRoot(ids(n + 1)))).toBe(false);
      }
    }
  });

  it('hashes leaves and nodes apart: a two-leaf root is not a leaf of anything, and order matters', () => {
    const [a, b] = ids(2) as [string, string];
    expect(merkleRoot([a, b])).not.toBe(merkleRoot([b, a]));
    expect(merkleRoot([a])).not.toBe(a);
    expect(merkleRoot([])).toBe(bytesToHex(sha256(new Uint8Array(0))));
    // a tampered sibling breaks the proof
    const leaves = ids(5), proof = merkleProof(leaves, 2);
    proof[0] = { ...proof[0]!, hash: leaves[0]! };
    expect(verifyMerkleProof(leaves[2]!, proof, merkleRoot(leaves))).toBe(false);
  });

  it('refuses a proof for a leaf that is not there', () => {
    expect(() => merkleProof(ids(3), 3)).toThrow(/no leaf 3 among 3/);
  });
});
