import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * 审计日志日封存 — the daily seal of a hash chain: the last link of a day (Asia/Shanghai, by recording time) signed
 * with the platform key. A seal fixes the chain up to that link: rewriting history before it needs the private key,
 * which is not in the database. Append-only (the database refuses UPDATE and DELETE).
 */
export const AuditSeal = defineEntity({
  name: 'AuditSeal',
  tableName: 'audit_seals',
  uniques: [{ properties: ['chain', 'day'] }],
  properties: {
    id: p.integer().primary(),
    chain: p.string().length(40),
    /** the sealed day, YYYY-MM-DD in Asia/Shanghai */
    day: p.string().length(10),
    /** seq and hash of the day's last link (seq 0 and the genesis hash while the chain is empty) */
    lastSeq: p.integer(),
    lastHash: p.string().length(64),
    /** `SM2-SM3` (GB/T 32918 with SM3) or `Ed25519` */
    algorithm: p.string().length(20),
    /** SM3 fingerprint of the public key (SPKI DER) that signed */
    keyId: p.string().length(64),
    /** the public key, PEM (the export carries it; a verifier trusts it only when keyId matches the key it was given) */
    publicKey: p.text(),
    /** base64 signature over the canonical seal payload (chain/seal.ts) */
    signature: p.text(),
    /** real time */
    sealedAt: p.datetime(),
  },
});
export type IAuditSeal = InferEntity<typeof AuditSeal>;
