import { createPublicKey, verify } from 'node:crypto';
import { canonicalJson } from './chain';

/*
 * The daily seal's signed message and its check, apart from the sealing job (seal.ts): the verification threads and
 * `npm run verify-calls` load them without the ORM.
 */

/** What a daily seal signs: the chain, the Shanghai day, and the last record of the chain at the end of that day. */
export interface SealPayload {
  chain: 'call_records';
  day: string;
  lastSeq: number;
  lastHash: string;
  count: number;
}

export const sealMessage = (p: SealPayload): Buffer => Buffer.from(canonicalJson({ v: 1, ...p }), 'utf8');

export function verifySealSignature(publicKeyPem: string, payload: SealPayload, signature: string): boolean {
  try {
    return verify(null, sealMessage(payload), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
