/**
 * RFC 8032 §7.1 "Test Vectors for Ed25519", TEST 1–3, copied from the RFC
 * text: the key derivation, the signature byte for byte, and verification
 * through the ledger's own wrappers (solver/ledger/keys.ts).
 */
import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { signBytes, verifyBytes } from '../../../solver/ledger/keys.ts';

const RFC8032_7_1 = [
  {
    name: 'TEST 1 (empty message)',
    secretKey: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    name: 'TEST 2 (one octet)',
    secretKey: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    name: 'TEST 3 (two octets)',
    secretKey: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    publicKey: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

describe('Ed25519: RFC 8032 §7.1 test vectors', () => {
  for (const v of RFC8032_7_1) {
    it(v.name, () => {
      const sk = hexToBytes(v.secretKey), msg = hexToBytes(v.message), pk = hexToBytes(v.publicKey), sig = hexToBytes(v.signature);
      expect(bytesToHex(ed25519.getPublicKey(sk))).toBe(v.publicKey);
      expect(bytesToHex(signBytes(msg, sk))).toBe(v.signature);
      expect(verifyBytes(sig, msg, pk)).toBe(true);
      // one changed bit of the message, the signature or the key and it no longer verifies
      const flipped = (b: Uint8Array, i: number) => Uint8Array.from(b, (x, j) => (j === i ? x ^ 1 : x));
      expect(verifyBytes(sig, Uint8Array.of(...msg, 0), pk)).toBe(false);
      expect(verifyBytes(flipped(sig, 40), msg, pk)).toBe(false);
      expect(verifyBytes(sig, msg, flipped(pk, 3))).toBe(false);
    });
  }

  it('refuses S + L, the re-encoding strict RFC 8032 verification forbids', () => {
    const v = RFC8032_7_1[1]!;
    const sig = hexToBytes(v.signature);
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    let s = 0n;
    for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(sig[32 + i]!);
    let t = s + L;
    const mauled = Uint8Array.from(sig);
    for (let i = 0; i < 32; i++, t >>= 8n) mauled[32 + i] = Number(t & 0xffn);
    expect(verifyBytes(mauled, hexToBytes(v.message), hexToBytes(v.publicKey))).toBe(false);
  });
});
