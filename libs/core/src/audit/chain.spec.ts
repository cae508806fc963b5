import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { GENESIS_HASH } from '../chain/hash';
import { loadSealKey } from '../chain/seal';
import { AuditEvent } from '../entities/audit-event.entity';
import { AuditSeal } from '../entities/audit-seal.entity';
import { coreModule } from '../module';
import { isPostgres } from '../orm/sql';
import { insertSystemAudit } from '../sweep/batch-writes';
import { createTestDatabase, type TestDatabase } from '../testing';
import { audit } from './audit';
import { databaseAuditSource, sealAuditDays, verifyAuditTrail } from './trail';

// Runs on SQLite by default and on PostgreSQL when DATABASE_URL=postgres://…
describe('the audit trail is a hash chain', () => {
  let db: TestDatabase;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-seal-'));
  const key = loadSealKey(path.join(dir, 'seal.pem'), { create: true });
  const at = new Date('2026-11-20T02:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase({ entities: coreModule.entities });
  });
  afterAll(async () => {
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const raw = (em: EntityManager, sql: string, bindings: (string | number)[] = []) => em.getKnex().raw(sql, bindings);
  const write = async (n: number, label: string) => {
    await db.fork().transactional(async (em) => {
      for (let i = 0; i < n; i++) audit(em, { actor: null, systemName: 'system:test', action: `test.${label}`, subjectType: 'test', subjectId: i, before: { n: i, nested: { b: 2, a: [1, 'x'] } }, after: { n: i + 1, when: at }, ip: '10.0.0.1', at });
    });
  };
  const verify = () => verifyAuditTrail(databaseAuditSource(db.fork()), { publicKeyPem: key.publicKeyPem });

  it('links each row to the one before with SM3, from the genesis hash, across ORM and batch writers', async () => {
    await write(3, 'orm');
    await db.fork().transactional((em) => insertSystemAudit(em, 'test-job', [1, 2].map((i) => ({ action: 'test.batch', subjectType: 'test', subjectId: i, before: null, after: { i } })), at));
    await write(1, 'orm');
    const rows = await db.fork().find(AuditEvent, {}, { orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    const result = await verify();
    expect(result).toMatchObject({ ok: true, checkedRows: 6, totalRows: 6, firstBroken: null, head: { seq: 6, hash: rows[5].hash } });
  });

  it('is refused UPDATE and DELETE by the database itself', async () => {
    const em = db.fork();
    await expect(raw(em, "update audit_events set action = 'forged' where seq = 1")).rejects.toThrow(/append-only/);
    await expect(raw(em, 'delete from audit_events where seq = 2')).rejects.toThrow(/append-only/);
    if (isPostgres(em)) await expect(raw(em, 'truncate audit_events')).rejects.toThrow(/append-only/);
    expect(await db.fork().count(AuditEvent, {})).toBe(6);
  });

  it('seals each ended day with the platform key; a seal signed with another key does not count', async () => {
    const realNow = new Date(Date.now() + 2 * 86_400_000);
    const { sealed } = await db.fork().transactional((em) => sealAuditDays(em, key, realNow));
    expect(sealed.length).toBeGreaterThanOrEqual(1);
    // idempotent
    expect((await db.fork().transactional((em) => sealAuditDays(em, key, realNow))).sealed).toEqual([]);
    const seal = await db.fork().findOneOrFail(AuditSeal, { day: sealed[0] });
    expect(seal).toMatchObject({ lastSeq: 6, algorithm: 'SM2-SM3', keyId: key.keyId });
    expect((await verify()).seals).toMatchObject({ total: sealed.length, valid: sealed.length, firstInvalid: null });

    const other = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const otherPem = other.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const result = await verifyAuditTrail(databaseAuditSource(db.fork()), { publicKeyPem: otherPem });
    expect(result.ok).toBe(false);
    expect(result.seals.firstInvalid?.message).toMatch(/不是平台密钥签署的/);
  });

  it('names the first broken row when an attacker with database access drops the triggers, edits one row and deletes another', async () => {
    const em = db.fork();
    if (isPostgres(em)) await raw(em, 'alter table audit_events disable trigger user');
    else for (const t of ['audit_events_no_update', 'audit_events_no_delete']) await raw(em, `drop trigger ${t}`);
    const [second] = await db.fork().find(AuditEvent, { seq: 2 });
    await raw(em, 'update audit_events set ip = ? where seq = 2', ['10.6.6.6']);
    await raw(em, 'delete from audit_events where seq = 4');
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ id: second.id, seq: 2, reason: 'content_changed' });
    expect(result.firstBroken?.message).toContain(`审计记录 ${second.id}（序号 2）`);
    expect(result.checkedRows).toBe(1);
    // the sealed hash still verifies the key, but the rows no longer match it past the break (reported as the break)

    // the edit undone, the deletion remains: the row after the gap is named
    await raw(em, 'update audit_events set ip = ? where seq = 2', ['10.0.0.1']);
    const afterGap = await db.fork().findOneOrFail(AuditEvent, { seq: 5 });
    const second2 = await verify();
    expect(second2.firstBroken).toMatchObject({ id: afterGap.id, seq: 5, reason: 'rows_missing' });
    expect(second2.firstBroken?.message).toMatch(/序号 4 的记录缺失/);

    // rows cut from the end are caught by the chain head
    await raw(em, 'delete from audit_events where seq >= 4');
    const third = await verify();
    expect(third.firstBroken).toMatchObject({ reason: 'head_mismatch' });
    expect(third.seals.firstInvalid).toBeNull();
  });
});

describe('parallel writers cannot fork the chain', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ entities: coreModule.entities });
  });
  afterAll(() => db.drop());

  it('20 concurrent transactions (ORM and batch) append 1…N without gaps or duplicates', async () => {
    const at = new Date('2026-11-20T02:00:00Z');
    await Promise.all(
      Array.from({ length: 20 }, (_, w) =>
        db.fork().transactional(async (em) => {
          if (w % 2) {
            await insertSystemAudit(em, 'parallel', [0, 1, 2].map((i) => ({ action: 'test.batch', subjectType: 'w', subjectId: `${w}-${i}`, before: null, after: null })), at);
          } else {
            for (let i = 0; i < 3; i++) audit(em, { actor: null, action: 'test.orm', subjectType: 'w', subjectId: `${w}-${i}`, at });
            await em.flush();
          }
        }),
      ),
    );
    const result = await verifyAuditTrail(databaseAuditSource(db.fork()), null);
    expect(result).toMatchObject({ ok: true, checkedRows: 60, totalRows: 60, head: { seq: 60 } });
  });
});
