import { contentDigest, linkFromDigest } from './chain';
import { verifySealSignature } from './seal-signature';
import type { CertificateLink } from './certificate';

export interface CertificateFile {
  links: CertificateLink[];
  seals: { day: string; lastSeq: number; lastHash: string; count: number; signature: string }[];
  publicKey: { pem: string };
  counts: { total: number };
}

/**
 * Checks a 调用凭证 offline with its public key (or one the auditor got from the bureau): every link, every own
 * record's digest, every seal's signature and the hash it names. Returns the problems found (empty: valid).
 */
export function verifyCertificate(cert: CertificateFile, publicKeyPem = cert.publicKey.pem): string[] {
  const problems: string[] = [];
  const hashAt = new Map<number, string>();
  let prev: CertificateLink | null = null;
  let own = 0;
  for (const l of cert.links) {
    if (prev && (l.seq !== prev.seq + 1 || l.prevHash !== prev.hash)) problems.push(`序号 ${l.seq} 与前一条记录不连续`);
    if (linkFromDigest(l.prevHash, l.digest) !== l.hash) problems.push(`序号 ${l.seq} 的哈希不符`);
    if (l.content) {
      own++;
      if (contentDigest(l.content) !== l.digest) problems.push(`序号 ${l.seq} 的调用记录内容与摘要不符（被修改）`);
    }
    hashAt.set(l.seq, l.hash);
    prev = l;
  }
  if (own !== cert.counts.total) problems.push(`凭证列出 ${cert.counts.total} 次调用，实际附有 ${own} 条记录`);
  for (const s of cert.seals) {
    if (!verifySealSignature(publicKeyPem, { chain: 'call_records', day: s.day, lastSeq: s.lastSeq, lastHash: s.lastHash, count: s.count }, s.signature)) problems.push(`${s.day} 的日封存签名无效`);
    const h = hashAt.get(s.lastSeq);
    if (h !== undefined && h !== s.lastHash) problems.push(`${s.day} 的日封存与序号 ${s.lastSeq} 的哈希不符`);
  }
  return problems;
}
