/**
 * `@govdata/gateway/verify`: the call-record verification (第十六条(四)) and the 调用凭证's offline check, without
 * the ORM or the platform's modules, for `npm run verify-calls` — it starts in a fraction of a second instead of
 * ~3 s (docs/gateway.md § Benchmarks).
 */
import type { ChainVerification } from '@govdata/domain';
import { openCallSource } from '../records/call-source';
import { verifyCalls, type CallSourceTarget, type WalkOptions } from '../records/verify-walk';

export { verifyCertificate, type CertificateFile } from '../records/certificate-verify';
export { callSealKey } from '../records/seal-key';
export type { CallSourceTarget, WalkOptions } from '../records/verify-walk';

/**
 * The database a DATABASE_URL names, by the rules of @govdata/core's parseDatabaseUrl (spec holds them equal): empty
 * → data/govdata.sqlite; `sqlite:<file>`; `postgres://…` or `postgresql://…`.
 */
export function callSourceTarget(url: string | undefined): CallSourceTarget {
  const value = url?.trim();
  if (!value) return { dialect: 'sqlite', location: 'data/govdata.sqlite' };
  if (/^postgres(ql)?:\/\//.test(value)) return { dialect: 'postgresql', location: value };
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) throw new Error('DATABASE_URL=sqlite: needs a file path, e.g. sqlite:data/govdata.sqlite');
    return { dialect: 'sqlite', location: file };
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${value}")`);
}

/** 核验调用记录 of the database `url` names, read only (nothing migrated): see verifyCallChain. */
export async function verifyCallsAt(url: string | undefined, publicKeyPem: string, options: WalkOptions = {}): Promise<ChainVerification> {
  const source = await openCallSource(callSourceTarget(url));
  try {
    return await verifyCalls(source, publicKeyPem, options);
  } finally {
    await source.close();
  }
}
