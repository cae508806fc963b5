import path from 'node:path';
import { loadSealKey, newSealKey, type SealKey } from '../keys';

/**
 * Where the platform's call-record sealing key lives (GOVDATA_CALL_SEAL_KEY, default data/call-seal-key.pem,
 * generated on first start outside production). Tests get a key per process. The API and the scheduler read the
 * same file, so a seal made by either verifies with the one public key.
 */
let configured: { file: string | null; create: boolean } = {
  file: process.env.NODE_ENV === 'test' ? null : process.env.GOVDATA_CALL_SEAL_KEY || 'data/call-seal-key.pem',
  create: process.env.NODE_ENV !== 'production',
};
let cached: SealKey | null = null;

export function configureCallSealKey(next: { file: string | null; create: boolean }): void {
  configured = { file: next.file ? path.resolve(next.file) : null, create: next.create };
  cached = null;
}

export function callSealKey(): SealKey {
  cached ??= configured.file ? loadSealKey(configured.file, { create: configured.create }) : newSealKey();
  return cached;
}
