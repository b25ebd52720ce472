/**
 * Ed25519 keys and signatures (RFC 8032) from @noble/curves, and the
 * deterministic key derivation that makes a classroom ledger reproducible:
 * the secret key of a named participant is SHA-256("ggs-ledger/v1/key|" +
 * seed + "|" + name). Anyone who knows the seed can sign as anyone — these
 * are teaching keys for a simulation, and the docs say so.
 *
 * Verification is strict RFC 8032 (`zip215: false`): non-canonical point
 * encodings are refused, and noble always refuses S ≥ L, so a signature has
 * exactly one accepted encoding.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

export interface KeyPair {
  name: string;
  secretKey: Uint8Array;
  /** 64 lowercase hex digits */
  publicKey: string;
}

export const KEY_DERIVATION = 'ggs-ledger/v1/key';

export function deriveKeyPair(seed: string, name: string): KeyPair {
  const secretKey = sha256(utf8ToBytes(`${KEY_DERIVATION}|${seed}|${name}`));
  return { name, secretKey, publicKey: bytesToHex(ed25519.getPublicKey(secretKey)) };
}

/** Ed25519 signature of a UTF-8 message, 128 lowercase hex digits. */
export function signText(message: string, key: KeyPair): string {
  return bytesToHex(ed25519.sign(utf8ToBytes(message), key.secretKey));
}

export function signBytes(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return ed25519.sign(message, secretKey);
}

export function verifyBytes(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false; // malformed key or signature bytes
  }
}

/** Whether `signature` (hex) is `publicKey`'s (hex) Ed25519 signature of the UTF-8 message. */
export function verifyText(signature: string, message: string, publicKey: string): boolean {
  if (!/^[0-9a-f]{128}$/.test(signature) || !/^[0-9a-f]{64}$/.test(publicKey)) return false;
  return verifyBytes(hexToBytes(signature), utf8ToBytes(message), hexToBytes(publicKey));
}

/** The message each role signs: a domain tag and the 32-byte id in hex, so a signature on a transaction can never pass for a block commit. */
export const txMessage = (id: string) => `ggs-ledger/v1/tx:${id}`;
export const commitMessage = (blockHash: string) => `ggs-ledger/v1/commit:${blockHash}`;
