/**
 * RFC 8785 (JSON Canonicalization Scheme) bytes of a value, through the
 * `canonicalize` package: object keys sorted by UTF-16 code units, no
 * whitespace, numbers in ECMAScript's shortest round-trip form, strings with
 * the minimal escapes. Equal values give equal bytes whoever serialises them,
 * which is what lets a transaction's id be the hash of its body and not of
 * one particular encoding of it (docs/models/ledger.md, "Identifiers").
 */
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** The canonical JSON text; throws on values JSON cannot carry (NaN, ∞, lone surrogates, undefined at the top). */
export function canonicalText(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('a ledger value must be JSON (got undefined)');
  return text;
}

export const canonicalBytes = (value: unknown): Uint8Array => utf8ToBytes(canonicalText(value));

/** SHA-256 of the canonical bytes, as 64 lowercase hex digits. */
export const canonicalHash = (value: unknown): string => bytesToHex(sha256(canonicalBytes(value)));
