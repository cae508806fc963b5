import type { EntityManager } from '@mikro-orm/knex';
import { ForbiddenError, NotFoundError, readsAllDepartments, type Actor } from '@govdata/domain';
import { Department, fromSqlTime, sqlAll } from '@govdata/core';
import { CatalogEntry } from '@govdata/catalog';
import { ShareGrant } from '@govdata/sharing';
import { CallSeal } from '../entities/call-record.entity';
import { callContent, type CallInput } from './calls';
import { contentDigest } from './chain';

const DAY = 86_400_000;
const startOf = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

export interface CertificateLink {
  seq: number;
  prevHash: string;
  hash: string;
  /** SM3 of the record's canonical content (other departments' records show only this) */
  digest: string;
  /** the grant's own records: the full content that hashes to `digest` */
  content?: Record<string, unknown>;
}

/**
 * 调用凭证 (第十六条(四)) — what a department hands an auditor about one grant over a period: the counts, the grant's
 * own call records in full, every record between them and the end of the last sealed day as (seq, prevHash, digest,
 * hash) only, the daily seals with their signatures and the platform's public key. Anyone can check it offline: each
 * link is SM3(prevHash + "\n" + digest), the grant's records hash to their digests, and each seal's signature (Ed25519)
 * holds over {v, chain, day, lastSeq, lastHash, count} and names a hash of the chain (docs/gateway.md).
 */
export async function callCertificate(em: EntityManager, actor: Actor, grantId: number, from: string, to: string, publicKeyPem: string, keyId: string, realNow: Date) {
  const grant = await em.findOne(ShareGrant, grantId);
  if (!grant) throw new NotFoundError(`共享授权 ${grantId} 不存在`, 'share_grant.not_found');
  if (!readsAllDepartments(actor) && actor.departmentId !== grant.consumer.id && actor.departmentId !== grant.provider.id) throw new ForbiddenError('只有授权的使用部门、提供部门和平台管理员可以出具调用凭证', 'call_certificate.forbidden');
  const [consumer, provider, entry] = await Promise.all([em.findOneOrFail(Department, grant.consumer.id), em.findOneOrFail(Department, grant.provider.id), em.findOneOrFail(CatalogEntry, grant.entry.id)]);
  const start = startOf(from);
  const end = new Date(startOf(to).getTime() + DAY);
  type Row = { seq: number | string; at: unknown; system_id: number | null; client_id: string | null; department_id: number | null; entry_id: number | null; grant_id: number | null; dataset_version: number | null; query_fields: string | string[]; query_hash: string | null; fields_returned: string | string[]; row_count: number | string; status: string; http_status: number | string; latency_ms: number | string; response_hash: string | null; prev_hash: string; hash: string };
  const own = await sqlAll<Row>(em, 'select * from call_records where grant_id = ? and at >= ? and at < ? order by seq', [grantId, start, end]);
  const seals = await em.find(CallSeal, { day: { $gte: from, $lte: to } }, { orderBy: { day: 'asc' } });
  const json = (v: string | string[]): string[] => (typeof v === 'string' ? (JSON.parse(v) as string[]) : v);
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  const contentOf = (r: Row) =>
    callContent({
      seq: Number(r.seq),
      at: fromSqlTime(r.at),
      systemId: num(r.system_id),
      clientId: r.client_id,
      departmentId: num(r.department_id),
      entryId: num(r.entry_id),
      grantId: num(r.grant_id),
      datasetVersion: num(r.dataset_version),
      queryFields: json(r.query_fields),
      queryHash: r.query_hash,
      fieldsReturned: json(r.fields_returned),
      rowCount: Number(r.row_count),
      status: r.status as CallInput['status'],
      httpStatus: Number(r.http_status),
      latencyMs: Number(r.latency_ms),
      responseHash: r.response_hash,
    });
  const links: CertificateLink[] = [];
  if (own.length) {
    const firstSeq = Number(own[0].seq);
    const lastSealed = seals.length ? seals[seals.length - 1].lastSeq : 0;
    const lastSeq = Math.max(Number(own[own.length - 1].seq), lastSealed);
    const ownSeqs = new Set(own.map((r) => Number(r.seq)));
    // the segment from the grant's first record in the period to the last seal (≤ 200,000 links)
    const segment = await sqlAll<Row>(em, 'select * from call_records where seq >= ? and seq <= ? order by seq limit 200000', [firstSeq, lastSeq]);
    for (const r of segment) {
      const content = contentOf(r);
      const link: CertificateLink = { seq: Number(r.seq), prevHash: r.prev_hash, hash: r.hash, digest: contentDigest(content) };
      if (ownSeqs.has(link.seq)) link.content = content;
      links.push(link);
    }
  }
  const byStatus: Record<string, number> = {};
  for (const r of own) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const first = own[0];
  const last = own[own.length - 1];
  return {
    kind: 'govdata.call-certificate',
    version: 1,
    title: '政务数据共享调用凭证',
    issuedAt: realNow.toISOString(),
    grant: { id: grant.id, consumer: consumer.name, provider: provider.name, entry: { id: entry.id, code: entry.code, name: entry.name }, status: grant.status, validUntil: grant.validUntil },
    period: { from, to },
    counts: { total: own.length, ok: byStatus.ok ?? 0, refused: own.length - (byStatus.ok ?? 0), byStatus, rows: own.reduce((n, r) => n + Number(r.row_count), 0) },
    first: first ? { seq: Number(first.seq), at: fromSqlTime(first.at).toISOString(), hash: first.hash } : null,
    last: last ? { seq: Number(last.seq), at: fromSqlTime(last.at).toISOString(), hash: last.hash } : null,
    seals: seals.map((s) => ({ day: s.day, lastSeq: s.lastSeq, lastHash: s.lastHash, count: s.count, signature: s.signature, keyId: s.keyId })),
    publicKey: { algorithm: 'Ed25519', keyId, pem: publicKeyPem },
    links,
    howToVerify: [
      '1. 每条链接：hash = SM3(prevHash + "\\n" + digest)，且 prevHash 等于前一条的 hash（序号连续）。',
      '2. 本授权的调用记录：digest = SM3(规范化 JSON(content))，规范化 JSON 即键按字母排序、无空白。',
      '3. 每个日封存：用公钥以 Ed25519 验证 signature 对 {"chain":"call_records","count":…,"day":…,"lastHash":…,"lastSeq":…,"v":1}（规范化 JSON）的签名，且序号 lastSeq 处链接的 hash 等于 lastHash。',
      '4. 也可运行 npm run verify-calls -- --certificate <凭证文件>。',
    ],
  };
}
