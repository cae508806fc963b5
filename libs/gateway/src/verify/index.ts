/**
 * `@govdata/gateway/verify`: the call-record verification (第十六条(四)) and the 调用凭证's offline check, without
 * the ORM or the platform's modules, for `npm run verify-calls` — it starts in a fraction of a second instead of
 * ~3 s (docs/gateway.md § Benchmarks).
 */
import { parseDatabaseUrl } from '@govdata/core/database-url';
import type { ChainVerification } from '@govdata/domain';
import { openCallSource } from '../records/call-source';
import { verifyCalls, type WalkOptions } from '../records/verify-walk';

export { verifyCertificate, type CertificateFile } from '../records/certificate-verify';
export { callSealKey } from '../records/seal-key';
export type { CallSourceTarget, WalkOptions } from '../records/verify-walk';

/**
 * 核验调用记录 of the database `url` names (a DATABASE_URL, read by @govdata/core's parseDatabaseUrl — from its
 * ORM-free entry), read only (nothing migrated; a SQLite file must exist): see verifyCallChain.
 */
export async function verifyCallsAt(url: string | undefined, publicKeyPem: string, options: WalkOptions = {}): Promise<ChainVerification> {
  const source = await openCallSource(parseDatabaseUrl(url));
  try {
    return await verifyCalls(source, publicKeyPem, options);
  } finally {
    await source.close();
  }
}
