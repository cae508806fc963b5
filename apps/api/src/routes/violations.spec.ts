import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Department, Violation } from '@govdata/core';
import { addDeadlines, departmentId } from '@govdata/core/testing';
import { createTestApp, type TestApp } from '../testing/harness';

const NOW = '2026-11-20T10:00:00+08:00';

describe('violations', () => {
  let t: TestApp;
  let gaj: number;
  let scjgj: number;
  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    const em = t.db.fork();
    gaj = await departmentId(em, '朔州市公安局');
    scjgj = await departmentId(em, '朔州市市场监督管理局');
    const past = (h: number) => new Date(new Date(NOW).getTime() - h * 3_600_000);
    await addDeadlines(
      em,
      [
        { kind: 'provider_reply', departmentId: gaj, dueAt: past(30), subjectType: 'share_request_step', subjectId: 1 },
        { kind: 'provider_reply', departmentId: gaj, dueAt: past(20), subjectType: 'share_request_step', subjectId: 2 },
        { kind: 'catalog_update', departmentId: gaj, dueAt: past(10), subjectType: 'catalog_update_trigger', subjectId: 3 },
        { kind: 'provider_reply', departmentId: scjgj, dueAt: past(5), subjectType: 'share_request_step', subjectId: 4 },
        { kind: 'correction_feedback', departmentId: scjgj, dueAt: past(4), subjectType: 'correction', subjectId: 5 },
        { kind: 'compliance_review', departmentId: null, dueAt: past(3), subjectType: 'share_request', subjectId: 6 },
      ],
      new Date(NOW),
    );
    const bureau = await t.as('bureau');
    const run = await bureau.post('/api/admin/jobs/deadline-sweep/run');
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ newlyOverdue: 6, violationsCreated: 5, serviceRecordEntries: 1 });
  });
  afterAll(() => t.close());

  it('lists them for the bureau in the agreed shape, with filters and pagination', async () => {
    const bureau = await t.as('bureau');
    const all = await bureau.get('/api/violations');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(5);
    const item = all.body.items.find((v: { source: { id: string } }) => v.source.id === '1');
    expect(item).toMatchObject({
      type: 2,
      typeLabel: '未按规定提供共享',
      clause: '第三十三条第（二）项',
      department: { id: gaj, name: '朔州市公安局' },
      source: { kind: 'share_request_step', id: '1' },
      status: 'candidate',
      evidence: { article: '第十五条第（二）项', workingDaysLate: expect.any(Number) },
    });
    expect(item.department.code).toMatch(/^\w{18}$/);
    expect((await bureau.get('/api/violations?type=2')).body.total).toBe(3);
    expect((await bureau.get(`/api/violations?department=${scjgj}`)).body.items.map((v: { type: number }) => v.type).sort()).toEqual([2, 5]);
    expect((await bureau.get('/api/violations?type=1&status=candidate')).body.items.map((v: { source: { id: string } }) => v.source.id)).toEqual(['3']);
    const page = await bureau.get('/api/violations?page=2&pageSize=2');
    expect(page.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.body.items).toHaveLength(2);
    const bad = await bureau.get('/api/violations?type=12');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.body.detail).toMatch(/1–9/);
  });

  it('shows a department only its own, and refuses another’s', async () => {
    const officer = await t.as('gaj');
    const own = await officer.get('/api/violations');
    expect(own.body.total).toBe(3);
    expect(new Set(own.body.items.map((v: { department: { id: number } }) => v.department.id))).toEqual(new Set([gaj]));
    expect((await officer.get(`/api/violations?department=${scjgj}`)).status).toBe(403);
    const other = await t.db.fork().findOneOrFail(Violation, { department: scjgj, type: 5 });
    expect((await officer.get(`/api/violations/${other.id}`)).status).toBe(403);
    const mine = own.body.items[0];
    expect((await officer.get(`/api/violations/${mine.id}`)).body.id).toBe(mine.id);
    expect((await t.anonymous().get('/api/violations')).status).toBe(401);
  });

  it('lets leaders read everything but decide nothing', async () => {
    const leader = await t.as('leader');
    expect((await leader.get('/api/violations')).body.total).toBe(5);
    const v = await t.db.fork().findOneOrFail(Violation, { sourceId: '2' });
    const res = await leader.post(`/api/violations/${v.id}/confirm`);
    expect(res.status).toBe(403);
    expect((await t.db.fork().findOneOrFail(Violation, v.id)).status).toBe('candidate');
    expect((await (await t.as('gaj')).post(`/api/violations/${v.id}/dismiss`).send({ reason: '我部门认为不成立的理由' })).status).toBe(403);
  });

  it('lets the bureau confirm a candidate once, with an audit event and the department told', async () => {
    const bureau = await t.as('bureau');
    const v = await t.db.fork().findOneOrFail(Violation, { sourceId: '1' });
    const res = await bureau.post(`/api/violations/${v.id}/confirm`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'confirmed', statusLabel: '已确认', decidedBy: { displayName: '张明远' } });
    expect(await t.db.fork().count(AuditEvent, { action: 'violation.confirm', subjectId: String(v.id) })).toBe(1);
    const inbox = await (await t.as('gaj')).get('/api/notifications');
    expect(inbox.body.items.some((n: { title: string }) => n.title.includes('违规确认'))).toBe(true);
    const again = await bureau.post(`/api/violations/${v.id}/confirm`);
    expect(again.status).toBe(422);
    expect(again.body.detail).toMatch(/已确认/);
    expect((await bureau.post(`/api/violations/${v.id}/dismiss`).send({ reason: '改变主意了，想排除它' })).status).toBe(422);
    expect((await t.db.fork().findOneOrFail(Violation, v.id)).status).toBe('confirmed');
  });

  it('dismisses only with a reason, which is kept', async () => {
    const bureau = await t.as('bureau');
    const v = await t.db.fork().findOneOrFail(Violation, { sourceId: '4' });
    const none = await bureau.post(`/api/violations/${v.id}/dismiss`).send({});
    expect(none.status).toBe(400);
    const short = await bureau.post(`/api/violations/${v.id}/dismiss`).send({ reason: '无' });
    expect(short.status).toBe(400);
    expect(short.body.detail).toMatch(/排除理由/);
    expect((await t.db.fork().findOneOrFail(Violation, v.id)).status).toBe('candidate');
    const ok = await bureau.post(`/api/violations/${v.id}/dismiss`).send({ reason: '提供部门已在期限内线下书面答复，系统未及时登记' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'dismissed', dismissReason: '提供部门已在期限内线下书面答复，系统未及时登记' });
    expect(await t.db.fork().count(AuditEvent, { action: 'violation.dismiss', subjectId: String(v.id) })).toBe(1);
    expect((await bureau.get('/api/violations?status=dismissed')).body.total).toBe(1);
  });

  it('settles two admins deciding the same candidate at once: one wins, the other is refused', async () => {
    const [a, b] = await Promise.all([t.as('bureau'), t.as('bureau2')]);
    const v = await t.db.fork().findOneOrFail(Violation, { sourceId: '3' });
    const [r1, r2] = await Promise.all([a.post(`/api/violations/${v.id}/confirm`), b.post(`/api/violations/${v.id}/dismiss`).send({ reason: '与另一条记录重复，予以排除' })]);
    expect([r1.status, r2.status].filter((s) => s === 200)).toHaveLength(1);
    expect([r1.status, r2.status].filter((s) => s === 409 || s === 422)).toHaveLength(1);
    const final = await t.db.fork().findOneOrFail(Violation, v.id);
    expect(final.status).toBe(r1.status === 200 ? 'confirmed' : 'dismissed');
    // one decision audited (the other is `violation.record`, written when the sweep found it)
    expect(await t.db.fork().count(AuditEvent, { subjectType: 'violation', subjectId: String(v.id), action: { $in: ['violation.confirm', 'violation.dismiss'] } })).toBe(1);
  });

  it('lets the bureau record an inspection finding, once per source', async () => {
    const bureau = await t.as('bureau');
    const body = { type: 6, departmentId: scjgj, summary: '获取的企业登记共享数据经第三方平台外泄', source: { kind: 'share_grant', id: '77' }, article: '第二十七条' };
    const res = await bureau.post('/api/violations').send(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 6, status: 'confirmed', manual: true, createdBy: { displayName: '张明远' }, source: { kind: 'share_grant', id: '77' }, evidence: { summary: body.summary, article: '第二十七条' } });
    expect(await t.db.fork().count(AuditEvent, { action: 'violation.record', subjectId: String(res.body.id) })).toBe(1);
    const dup = await bureau.post('/api/violations').send(body);
    expect(dup.status).toBe(409);
    expect(dup.body.detail).toMatch(/重复登记/);
    const candidate = await bureau.post('/api/violations').send({ type: 9, departmentId: gaj, summary: '未经审批擅自建设跨部门交换通道', confirmed: false });
    expect(candidate.status).toBe(201);
    expect(candidate.body).toMatchObject({ status: 'candidate', source: { kind: 'inspection' }, evidence: { article: '第三十三条第（九）项' } });

    const count = await t.db.fork().count(Violation, {});
    const bureauDept = await t.db.fork().findOneOrFail(Department, { isBureau: true });
    expect((await bureau.post('/api/violations').send({ ...body, source: undefined, departmentId: bureauDept.id })).status).toBe(422);
    expect((await bureau.post('/api/violations').send({ ...body, source: undefined, departmentId: 99999 })).status).toBe(422);
    expect((await bureau.post('/api/violations').send({ ...body, type: 10 })).status).toBe(400);
    expect((await bureau.post('/api/violations').send({ ...body, status: 'closed' })).status).toBe(400);
    expect((await (await t.as('scjgj')).post('/api/violations').send({ ...body, source: undefined })).status).toBe(403);
    expect(await t.db.fork().count(Violation, {})).toBe(count);
  });

  it('exports the filtered list as XLSX, with the same isolation', async () => {
    const parse = async (buf: Buffer) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(buf as unknown as ArrayBuffer);
      return book.getWorksheet('违规记录');
    };
    const binary = (res: { on(e: string, f: (c?: Buffer) => void): void; setEncoding(e: string): void }, cb: (err: Error | null, body: Buffer) => void) => {
      const parts: Buffer[] = [];
      res.on('data', (c) => parts.push(c as Buffer));
      res.on('end', () => cb(null, Buffer.concat(parts)));
    };
    const bureau = await t.as('bureau');
    const all = await bureau.get('/api/violations/export?type=2').buffer(true).parse(binary);
    expect(all.status).toBe(200);
    expect(all.headers['content-type']).toMatch(/spreadsheetml/);
    expect(all.headers['content-disposition']).toMatch(/filename\*=UTF-8''/);
    const sheet = await parse(all.body as Buffer);
    expect(sheet?.getRow(1).getCell(2).value).toBe('违规类型');
    expect((sheet?.rowCount ?? 0) - 1).toBe((await bureau.get('/api/violations?type=2')).body.total);
    const mine = await (await t.as('gaj')).get('/api/violations/export').buffer(true).parse(binary);
    const rows = await parse(mine.body as Buffer);
    const departments = new Set<string>();
    rows?.eachRow((row, n) => {
      if (n > 1) departments.add(String(row.getCell(3).value));
    });
    expect([...departments]).toEqual(['朔州市公安局']);
  });

  it('keeps the bureau’s own lapse on its service record, readable by the bureau and leaders only', async () => {
    const bureau = await t.as('bureau');
    const res = await bureau.get('/api/service-record');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({ kind: 'compliance_review', kindLabel: '符合性审查', article: '第十五条', source: { kind: 'share_request', id: '6' } });
    expect(res.body.byKind).toEqual([{ kind: 'compliance_review', kindLabel: '符合性审查', count: 1 }]);
    expect((await (await t.as('leader')).get('/api/service-record')).status).toBe(200);
    expect((await (await t.as('gaj')).get('/api/service-record')).status).toBe(403);
    expect((await bureau.get('/api/violations?sourceKind=share_request')).body.total).toBe(0);
  });
});
