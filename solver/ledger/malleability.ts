/**
 * Transaction malleability, the seed's two use cases side by side. A
 * payment is settled once per transaction id. A naïve scheme takes the id to
 * be the hash of the bytes it received — the body *and* its signature as
 * transmitted; ours takes the hash of the canonical body alone (transaction.ts).
 * A third party who relays the payment can re-encode its signature so that it
 * still verifies but hashes differently:
 *
 * 1. value malleability — an ECDSA (secp256k1) signature (r, s) is also
 *    valid as (r, n − s) for a verifier that does not insist on low s (Bitcoin
 *    before BIP 62/146);
 * 2. encoding malleability — the same Ed25519 signature bytes written in
 *    upper-case hex, which a lenient hex decoder reads as the same bytes.
 *
 * The naïve scheme sees a new id and pays again; ours sees the id it has paid.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalText } from './canonical.ts';
import { deriveKeyPair, signBytes, verifyBytes } from './keys.ts';
import type { TradeBody } from './format.ts';
import { txId } from './transaction.ts';

/** A signed payment as it travels: its body, the signer's public key, and the signature in the text it was sent as. */
export interface WireTx {
  body: TradeBody;
  scheme: 'ecdsa-secp256k1' | 'ed25519';
  publicKey: string;
  signature: string;
}

export type IdScheme = 'naive' | 'ours';

/** The naïve id: SHA-256 of the signed bytes as received (canonical body, a separator, the signature text). */
export const naiveId = (tx: WireTx): string => bytesToHex(sha256(utf8ToBytes(`${canonicalText(tx.body)}|${tx.signature}`)));
export const idOf = (scheme: IdScheme, tx: WireTx): string => (scheme === 'naive' ? naiveId(tx) : txId(tx.body));

/** Signature check as a lenient relay does it: hex in either case, ECDSA with high s allowed. */
export function verifyWire(tx: WireTx): boolean {
  if (!/^[0-9a-fA-F]+$/.test(tx.signature) || tx.signature.length % 2) return false;
  const sig = hexToBytes(tx.signature.toLowerCase()), message = utf8ToBytes(canonicalText(tx.body)), key = hexToBytes(tx.publicKey);
  if (tx.scheme === 'ed25519') return verifyBytes(sig, message, key);
  try {
    return secp256k1.verify(sig, message, key, { lowS: false });
  } catch {
    return false;
  }
}

export interface Settlement {
  /** what was paid in total */
  paid: number;
  /** per submission: paid, refused as already paid, or refused as badly signed */
  outcomes: ('paid' | 'duplicate' | 'bad signature')[];
  ids: string[];
}

/** Pays each validly signed submission whose id has not been paid yet. */
export function settlePayments(stream: readonly WireTx[], scheme: IdScheme): Settlement {
  const paidIds = new Set<string>();
  const outcomes: Settlement['outcomes'] = [], ids: string[] = [];
  let paid = 0;
  for (const tx of stream) {
    const id = idOf(scheme, tx);
    ids.push(id);
    if (!verifyWire(tx)) outcomes.push('bad signature');
    else if (paidIds.has(id)) outcomes.push('duplicate');
    else {
      paidIds.add(id);
      paid += tx.body.amount;
      outcomes.push('paid');
    }
  }
  return { paid, outcomes, ids };
}

export interface MalleabilityCase {
  name: string;
  explanation: string;
  original: WireTx;
  mauled: WireTx;
  naive: Settlement;
  ours: Settlement;
}

const CURVE_N = secp256k1.Point.CURVE().n;

/** The two cases on one payment (seller pays buyer `amount` for a trade), keys from `seed`. */
export function malleabilityCases(body: TradeBody, seed = 'classroom'): MalleabilityCase[] {
  const message = utf8ToBytes(canonicalText(body));
  const secret = deriveKeyPair(seed, body.buyer).secretKey;
  // case 1: ECDSA, s ↦ n − s
  const ecdsa = secp256k1.Signature.fromBytes(secp256k1.sign(message, secret));
  const ecdsaTx: WireTx = { body, scheme: 'ecdsa-secp256k1', publicKey: bytesToHex(secp256k1.getPublicKey(secret)), signature: bytesToHex(ecdsa.toBytes()) };
  const flipped: WireTx = { ...ecdsaTx, signature: bytesToHex(new secp256k1.Signature(ecdsa.r, CURVE_N - ecdsa.s).toBytes()) };
  // case 2: Ed25519, the same signature bytes in upper-case hex
  const edKey = deriveKeyPair(seed, body.buyer);
  const edTx: WireTx = { body, scheme: 'ed25519', publicKey: edKey.publicKey, signature: bytesToHex(signBytes(message, edKey.secretKey)) };
  const upper: WireTx = { ...edTx, signature: edTx.signature.toUpperCase() };
  const run = (name: string, explanation: string, original: WireTx, mauled: WireTx): MalleabilityCase => ({
    name,
    explanation,
    original,
    mauled,
    naive: settlePayments([original, mauled], 'naive'),
    ours: settlePayments([original, mauled], 'ours'),
  });
  return [
    run('ECDSA signature value (s ↦ n − s)', 'A relay replaces the ECDSA signature (r, s) by (r, n − s), which verifies just as well when high s is allowed; the signed bytes, and so the naïve id, change.', ecdsaTx, flipped),
    run('Signature encoding (hex case)', 'A relay writes the same Ed25519 signature in upper-case hex; a lenient decoder reads the same 64 bytes, but the transmitted bytes, and so the naïve id, change.', edTx, upper),
  ];
}
