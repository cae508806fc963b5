import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAuditSource, isPostgres, User, verifyAuditTrail, type AuditTrailExport } from '@govdata/core';
import { createTestApp, type TestApp } from '../testing/harness';

const NOW = '2026-11-20T10:00:00+08:00';

describe('审计日志 API', () => {
  let t: TestApp;
  let gajUser: number;
  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    gajUser = (await t.db.fork().findOneOrFail(User, { username: 'gaj' })).id;
    const bureau = await t.as('bureau');
    expect((await bureau.patch(`/api/users/${gajUser}`).send({ displayName: '王志强（治安）' })).status).toBe(200);
  });
  afterAll(() => t.close());

  it('lists the trail for the bureau with the client address of each business action, newest first, filtered', async () => {
    const bureau = await t.as('bureau');
    const res = await bureau.get('/api/admin/audit/events').query({ subjectType: 'user', subjectId: String(gajUser) });
    expect(res.status).toBe(200);
    const [row] = res.body.items;
    expect(row).toMatchObject({ actorName: '张明远(bureau)', departmentName: '朔州市政务信息管理局', subjectType: 'user', subjectId: String(gajUser), after: { displayName: '王志强（治安）' } });
    expect(row.ip).toMatch(/127\.0\.0\.1|::1/);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(row.at).toISOString()).toBe(new Date(NOW).toISOString());

    const all = await bureau.get('/api/admin/audit/events').query({ pageSize: 200 });
    const seqs = all.body.items.map((r: { seq: number }) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const byActor = await bureau.get('/api/admin/audit/events').query({ actor: 'bureau', action: 'auth.' });
    expect(byActor.body.total).toBeGreaterThan(0);
    expect(byActor.body.items.every((r: { actorName: string; action: string }) => r.actorName.includes('bureau') && r.action.startsWith('auth.'))).toBe(true);
    const none = await bureau.get('/api/admin/audit/events').query({ from: '2026-11-21' });
    expect(none.body.total).toBe(0);
    const bad = await bureau.get('/api/admin/audit/events').query({ from: '2026-13-40' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
  });

  it('is the bureau’s only', async () => {
    const gaj = await t.as('gaj');
    expect((await gaj.get('/api/admin/audit/events')).status).toBe(403);
    expect((await gaj.get('/api/admin/audit/verify')).status).toBe(403);
  });

  it('exports the filtered trail as XLSX', async () => {
    const bureau = await t.as('bureau');
    const res = await bureau.get('/api/admin/audit/events/export').query({ subjectType: 'user' }).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as never);
    const sheet = book.getWorksheet('审计日志') as ExcelJS.Worksheet;
    expect(sheet.getRow(2).getCell(1).value).toBe('序号');
    expect(sheet.getRow(3).getCell(9).value).toMatch(/127\.0\.0\.1|::1/);
  });

  it('verifies the chain, and after a row is edited behind the triggers names it — online and offline from the export', async () => {
    const bureau = await t.as('bureau');
    const ok = await bureau.get('/api/admin/audit/verify');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, firstBroken: null });
    expect(ok.body.checkedRows).toBe(ok.body.totalRows);

    const em = t.db.fork();
    const knex = em.getKnex();
    if (isPostgres(em)) await knex.raw('alter table audit_events disable trigger user');
    else await knex.raw('drop trigger audit_events_no_update');
    const target = (await bureau.get('/api/admin/audit/events').query({ subjectType: 'user', subjectId: String(gajUser) })).body.items[0];
    await knex.raw("update audit_events set after = '{\"displayName\":\"别人\"}' where id = ?", [target.id]);

    const broken = await bureau.get('/api/admin/audit/verify');
    expect(broken.body.ok).toBe(false);
    expect(broken.body.firstBroken).toMatchObject({ id: target.id, seq: target.seq, reason: 'content_changed' });

    const exported = await bureau.get('/api/admin/audit/export.json');
    expect(exported.status).toBe(200);
    const doc = JSON.parse(exported.text) as AuditTrailExport;
    expect(doc.rows).toHaveLength(broken.body.totalRows);
    const offline = await verifyAuditTrail(exportAuditSource(doc), doc.publicKey ? { publicKeyPem: doc.publicKey } : null);
    expect(offline.firstBroken).toMatchObject({ id: target.id, seq: target.seq, reason: 'content_changed' });
  });
});
