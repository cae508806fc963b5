import type { EntityManager } from '@mikro-orm/knex';
import { addNaturalDays, shanghaiDate, startOfShanghaiDay } from '@govdata/workdays';
import { ChainVerifier, GENESIS_HASH, type ChainBreak } from '../chain/hash';
import { readChainHead, type ChainHeadState } from '../chain/head';
import { publicKeyInfo, signSeal, verifySeal, type SealKey } from '../chain/seal';
import { AuditSeal } from '../entities/audit-seal.entity';
import { fromSqlTime, sqlAll } from '../orm/raw';
import { AUDIT_CHAIN, auditContent } from './chain';

/** An audit row as stored, normalised (the same from SQLite, PostgreSQL or an export file). */
export interface StoredAuditRow {
  id: number;
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
  actorId: number | null;
  actorName: string;
  onBehalfOfDepartmentId: number | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
  /** ISO instants */
  at: string;
  recordedAt: string | null;
}

export interface StoredSeal {
  day: string;
  lastSeq: number;
  lastHash: string;
  algorithm: string;
  keyId: string;
  publicKey: string;
  signature: string;
  sealedAt: string;
}

/** Where a verifier reads a trail from: the database, or an export file (`npm run verify-audit`). */
export interface AuditTrailSource {
  head(): Promise<ChainHeadState | null>;
  count(): Promise<number>;
  /** rows in seq order, a page at a time */
  pages(): AsyncIterable<StoredAuditRow[]>;
  seals(): Promise<StoredSeal[]>;
}

export interface AuditVerification {
  ok: boolean;
  /** rows that verified (from seq 1 up to the first break) */
  checkedRows: number;
  totalRows: number;
  head: ChainHeadState | null;
  /** the first row that does not verify, named */
  firstBroken: ChainBreak | null;
  seals: {
    total: number;
    valid: number;
    /** the first seal whose signature, key or sealed hash does not hold */
    firstInvalid: { day: string; message: string } | null;
    lastSealedDay: string | null;
  };
  /** SM3 fingerprint of the key the seals were checked against (null: the key in each seal was taken as is) */
  trustedKeyId: string | null;
}

const parseJson = (v: unknown): Record<string, unknown> | null => (v == null ? null : typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : (v as Record<string, unknown>));
const num = (v: unknown): number | null => (v == null ? null : Number(v));

export function normaliseAuditRow(r: Record<string, unknown>): StoredAuditRow {
  return {
    id: Number(r.id),
    seq: num(r.seq),
    prevHash: (r.prev_hash as string | null) ?? null,
    hash: (r.hash as string | null) ?? null,
    actorId: num(r.actor_id),
    actorName: String(r.actor_name),
    onBehalfOfDepartmentId: num(r.on_behalf_of_department_id),
    action: String(r.action),
    subjectType: String(r.subject_type),
    subjectId: String(r.subject_id),
    before: parseJson(r.before),
    after: parseJson(r.after),
    ip: (r.ip as string | null) ?? null,
    at: fromSqlTime(r.at).toISOString(),
    recordedAt: r.recorded_at == null ? null : fromSqlTime(r.recorded_at).toISOString(),
  };
}

const PAGE = 2000;

export function databaseAuditSource(em: EntityManager): AuditTrailSource {
  return {
    head: () => readChainHead(em, AUDIT_CHAIN),
    count: async () => Number((await sqlAll<{ n: number | string }>(em, 'select count(*) as n from audit_events', []))[0]?.n ?? 0),
    async *pages() {
      let after = -1;
      for (;;) {
        // rows without a seq (written around the chain) sort first and are reported as such
        const rows = await sqlAll<Record<string, unknown>>(em, 'select * from audit_events where seq > ? or seq is null order by seq is not null, seq, id limit ?', [after, PAGE]);
        if (!rows.length) return;
        const page = rows.map(normaliseAuditRow);
        yield page;
        const last = page[page.length - 1].seq;
        if (last == null || rows.length < PAGE) return;
        after = last;
      }
    },
    seals: async () =>
      (await sqlAll<Record<string, unknown>>(em, 'select * from audit_seals where chain = ? order by day', [AUDIT_CHAIN])).map((s) => ({
        day: String(s.day),
        lastSeq: Number(s.last_seq),
        lastHash: String(s.last_hash),
        algorithm: String(s.algorithm),
        keyId: String(s.key_id),
        publicKey: String(s.public_key),
        signature: String(s.signature),
        sealedAt: fromSqlTime(s.sealed_at).toISOString(),
      })),
  };
}

/**
 * Verifies a trail: every row's hash and link in seq order (the first broken row is named: an edited row by its
 * content, a deleted one by the gap before the next), the end against the chain head, the row count against the
 * chain (rows written around it), and each daily seal's signature and sealed hash. `trusted` is the platform's public
 * key (PEM): a seal signed by another key fails — someone with database access could otherwise re-seal a rewritten chain.
 */
export async function verifyAuditTrail(source: AuditTrailSource, trusted: { publicKeyPem: string } | null): Promise<AuditVerification> {
  const seals = await source.seals();
  const sealedSeqs = new Map<number, string>([[0, GENESIS_HASH]]);
  for (const s of seals) sealedSeqs.set(s.lastSeq, '');
  const verifier = new ChainVerifier('审计记录');
  for await (const page of source.pages()) {
    let going = true;
    for (const r of page) {
      going = verifier.push({
        id: r.id,
        seq: r.seq ?? Number.NaN,
        prevHash: r.prevHash,
        hash: r.hash,
        content: r.seq == null ? null : auditContent({ ...r, seq: r.seq, at: new Date(r.at), recordedAt: r.recordedAt ? new Date(r.recordedAt) : null }),
      });
      if (!going) break;
      if (sealedSeqs.has(r.seq as number)) sealedSeqs.set(r.seq as number, r.hash as string);
    }
    if (!going) break;
  }
  const head = await source.head();
  let firstBroken = verifier.finish(head);
  const totalRows = await source.count();
  if (!firstBroken && totalRows !== verifier.checked) {
    firstBroken = { id: null, seq: verifier.lastSeq + 1, reason: 'rows_missing', message: `表中有 ${totalRows} 条记录，链上只有 ${verifier.checked} 条（有记录绕过了哈希链写入）` };
  }

  const trustedKeyId = trusted ? publicKeyInfo(trusted.publicKeyPem).keyId : null;
  let valid = 0;
  let firstInvalid: AuditVerification['seals']['firstInvalid'] = null;
  for (const s of seals) {
    let problem: string | null = null;
    if (trustedKeyId && s.keyId !== trustedKeyId) problem = `${s.day} 的封存不是平台密钥签署的（密钥指纹 ${s.keyId.slice(0, 16)}…）`;
    else if (publicKeyInfo(s.publicKey).keyId !== s.keyId) problem = `${s.day} 的封存所附公钥与其指纹不符`;
    else if (!verifySeal(trusted?.publicKeyPem ?? s.publicKey, s.algorithm, { chain: AUDIT_CHAIN, day: s.day, lastSeq: s.lastSeq, lastHash: s.lastHash }, s.signature)) problem = `${s.day} 的封存签名无效`;
    else {
      const atSeq = sealedSeqs.get(s.lastSeq);
      // a seal beyond a break cannot be checked against the rows; the break is reported already
      if (s.lastSeq <= verifier.lastSeq && atSeq !== s.lastHash) problem = `${s.day} 封存的序号 ${s.lastSeq} 的哈希与现存记录不符`;
    }
    if (problem) firstInvalid ??= { day: s.day, message: problem };
    else valid++;
  }
  return {
    ok: !firstBroken && !firstInvalid,
    checkedRows: verifier.checked,
    totalRows,
    head,
    firstBroken,
    seals: { total: seals.length, valid, firstInvalid, lastSealedDay: seals.length ? seals[seals.length - 1].day : null },
    trustedKeyId,
  };
}

/**
 * Seals every day that has ended (Asia/Shanghai, real time) since the last seal: the last link recorded before the
 * day's end, signed. The first seal is for the day of the first recorded row. Idempotent: a sealed day is skipped.
 */
export async function sealAuditDays(em: EntityManager, key: SealKey, realNow: Date): Promise<{ sealed: string[] }> {
  const today = shanghaiDate(realNow);
  const last = await em.findOne(AuditSeal, { chain: AUDIT_CHAIN }, { orderBy: { day: 'desc' } });
  let day: string;
  if (last) day = addNaturalDays(last.day, 1);
  else {
    const first = await sqlAll<{ t: unknown }>(em, 'select min(recorded_at) as t from audit_events', []);
    if (first[0]?.t == null) return { sealed: [] };
    day = shanghaiDate(fromSqlTime(first[0].t));
  }
  const sealed: string[] = [];
  while (day < today) {
    const end = startOfShanghaiDay(addNaturalDays(day, 1));
    const rows = await sqlAll<{ seq: number | string; hash: string }>(em, 'select seq, hash from audit_events where recorded_at < ? order by seq desc limit 1', [end]);
    const lastSeq = rows[0] ? Number(rows[0].seq) : 0;
    const lastHash = rows[0]?.hash ?? GENESIS_HASH;
    em.create(AuditSeal, {
      chain: AUDIT_CHAIN,
      day,
      lastSeq,
      lastHash,
      algorithm: key.algorithm,
      keyId: key.keyId,
      publicKey: key.publicKeyPem,
      signature: signSeal(key, { chain: AUDIT_CHAIN, day, lastSeq, lastHash }),
      sealedAt: realNow,
    });
    sealed.push(day);
    day = addNaturalDays(day, 1);
  }
  await em.flush();
  return { sealed };
}

/** The JSON document `GET /api/admin/audit/export.json` writes. */
export interface AuditTrailExport {
  format: 'govdata-audit-trail/1';
  exportedAt: string;
  publicKey: string | null;
  head: ChainHeadState | null;
  seals: StoredSeal[];
  rows: StoredAuditRow[];
}

/** A trail read from an export file, for offline verification. */
export function exportAuditSource(doc: AuditTrailExport): AuditTrailSource {
  if (doc?.format !== 'govdata-audit-trail/1' || !Array.isArray(doc.rows) || !Array.isArray(doc.seals)) throw new Error('不是审计日志导出文件（format 应为 govdata-audit-trail/1）');
  return {
    head: async () => doc.head,
    count: async () => doc.rows.length,
    async *pages() {
      // the verifier walks seq order; an export written by the API is in that order already
      yield [...doc.rows].sort((a, b) => (a.seq ?? -1) - (b.seq ?? -1));
    },
    seals: async () => doc.seals,
  };
}
