import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness';
import { recordViolation } from '../testing/notices';
import { departmentOf, entryOf, requestBody } from '../testing/share-fixtures';

/** Every list finds its records by the number people quote (issue 14, defect 2). */
describe('searching the lists by record number', () => {
  let t: TestApp;
  let code = '';
  let requestId = 0;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-16T10:00:00+08:00' });
    const scj = await t.as('scjgj');
    for (const name of ['居民户籍信息', '户籍迁移记录', '户籍人口统计']) {
      const entry = await entryOf(t, 'gaj', { name, shareType: 'conditional' });
      const res = await scj.post('/api/share-requests').send(requestBody(entry));
      expect(res.status).toBe(201);
      requestId = res.body.id;
    }
    const bureau = await t.as('bureau');
    const mine = await scj.get('/api/share-requests?box=mine');
    code = mine.body.items.find((r: { id: number }) => r.id === requestId).code;
    expect(code).toMatch(/^GXSQ-2026-\d{6}$/);
    // the last one goes on to the provider: it waits in gaj's 待我处理
    await bureau.post(`/api/share-requests/${requestId}/compliance-review`).send({ decision: 'pass' }).expect(200);
  });
  afterAll(() => t.close());

  it('finds a share request by its 申请编号 in 审查与协调, 待我处理, 我的申请 and 全部申请', async () => {
    const bureau = await t.as('bureau');
    const gaj = await t.as('gaj');
    const scj = await t.as('scjgj');
    const q = encodeURIComponent(code);
    const todo = await gaj.get(`/api/share-requests?box=todo&q=${q}`);
    expect(todo.status).toBe(200);
    expect(todo.body.items.map((r: { code: string }) => r.code)).toEqual([code]);
    expect((await scj.get(`/api/share-requests?box=mine&q=${q}`)).body.items.map((r: { id: number }) => r.id)).toEqual([requestId]);
    expect((await bureau.get(`/api/share-requests?box=all&q=${q}`)).body.total).toBe(1);
    // typed loosely: lower case, without the leading zeros
    expect((await bureau.get(`/api/share-requests?box=all&q=${encodeURIComponent(`gxsq-2026-${requestId}`)}`)).body.items.map((r: { id: number }) => r.id)).toEqual([requestId]);
    // in the review queue it is not (it went on to the provider); the others still wait for review
    expect((await bureau.get(`/api/share-requests?box=review&q=${q}`)).body.total).toBe(0);
    const other = code.replace(/\d{6}$/, String(requestId - 1).padStart(6, '0'));
    expect((await bureau.get(`/api/share-requests?box=review&q=${encodeURIComponent(other)}`)).body.items.map((r: { code: string }) => r.code)).toEqual([other]);
    // the year is part of the number: 2025's number of that id is another request
    expect((await bureau.get(`/api/share-requests?box=all&q=${encodeURIComponent(code.replace('2026', '2025'))}`)).body.total).toBe(0);
    // a number never opens what the person may not see
    expect((await (await t.as('rsj')).get(`/api/share-requests?box=all&q=${q}`)).body.total).toBe(0);
  });

  it('still finds requests by the resource’s name', async () => {
    const res = await (await t.as('bureau')).get(`/api/share-requests?box=all&q=${encodeURIComponent('户籍')}`);
    expect(res.body.total).toBe(3);
  });

  it('finds a catalog update trigger by its number (#id) or its reference', async () => {
    const bureau = await t.as('bureau');
    const gajId = await departmentOf(t, 'gaj');
    const a = await bureau.post('/api/catalog/update-triggers').send({ departmentId: gajId, kind: 'law_revision', reference: '《中华人民共和国治安管理处罚法》修订', effectiveDate: '2026-11-02' });
    const b = await bureau.post('/api/catalog/update-triggers').send({ departmentId: gajId, kind: 'function_change', reference: '朔编发〔2026〕9号', effectiveDate: '2026-11-03' });
    expect([a.status, b.status]).toEqual([201, 201]);
    const byId = await bureau.get(`/api/catalog/update-triggers?q=${encodeURIComponent(`#${b.body.id}`)}`);
    expect(byId.status).toBe(200);
    expect(byId.body.items.map((x: { id: number }) => x.id)).toEqual([b.body.id]);
    const byRef = await bureau.get(`/api/catalog/update-triggers?q=${encodeURIComponent('治安管理')}`);
    expect(byRef.body.items.map((x: { id: number }) => x.id)).toEqual([a.body.id]);
    expect((await bureau.get('/api/catalog/update-triggers?q=没有这个文件')).body.total).toBe(0);
    const tooLong = await bureau.get(`/api/catalog/update-triggers?q=${'长'.repeat(101)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.headers['content-type']).toContain('application/problem+json');
  });

  it('finds a written notice by its 发文字号 however the brackets are typed', async () => {
    const bureau = await t.as('bureau');
    const ids: number[] = [];
    const numbers: string[] = [];
    for (let i = 0; i < 2; i++) {
      const v = await recordViolation(t, { department: '朔州市公安局', type: 9 });
      const draft = await bureau.post('/api/notices').send({ violationIds: [v], rectifyWithinWorkingDays: 10 });
      expect(draft.status).toBe(201);
      const issued = await bureau.post(`/api/notices/${draft.body[0].id}/issue`);
      expect(issued.status).toBe(200);
      ids.push(draft.body[0].id);
      numbers.push(issued.body.number);
    }
    const first = numbers[0];
    const n = /〔2026〕(\d+)号$/.exec(first)?.[1];
    expect(n).toBeDefined();
    for (const q of [first, `〔2026〕${n}号`, `(2026)${n}`, `2026年${n}号`]) {
      const res = await bureau.get(`/api/notices?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(res.body.items.map((x: { id: number }) => x.id), q).toEqual([ids[0]]);
    }
  });
});
