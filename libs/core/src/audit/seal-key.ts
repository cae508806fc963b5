import path from 'node:path';
import { loadSealKey, type SealKey } from '../chain/seal';

/** Where the platform's sealing key lives, from config (GOVDATA_AUDIT_KEY); both the API and the scheduler set it at start. */
interface SealKeyConfig {
  file: string;
  /** generate a key pair when the file is missing (development and tests; never in production) */
  create: boolean;
}

export const DEFAULT_AUDIT_KEY_FILE = 'data/audit-seal-key.pem';

let config: SealKeyConfig = {
  file: process.env.GOVDATA_AUDIT_KEY || DEFAULT_AUDIT_KEY_FILE,
  create: process.env.NODE_ENV !== 'production',
};
let cached: { file: string; key: SealKey } | null = null;

export function configureAuditSealKey(next: SealKeyConfig): void {
  config = { file: path.resolve(next.file), create: next.create };
  cached = null;
}

/** The sealing key (loaded once; generated on first use in development). Throws with a clear message when missing in production. */
export function auditSealKey(): SealKey {
  if (!cached || cached.file !== config.file) cached = { file: config.file, key: loadSealKey(config.file, { create: config.create }) };
  return cached.key;
}
