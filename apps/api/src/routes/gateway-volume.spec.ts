import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlAll, sqlRun } from '@govdata/core';
import { appendCalls, type CallInput } from '@govdata/gateway';
import { shanghaiDate } from '@govdata/workdays';
import { createTestApp, type TestApp } from '../testing/harness';
import { entryOf, logins, requestBody } from '../testing/share-fixtures';

/** 调用量远超申报用途 (第三十三条(七), 第二十七条): the declared daily use on a request, and the daily detector over the call records. */
describe('excessive call volume detector', () => {
  let t: TestApp;
  let as: ReturnType<typeof logins>;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-20T10:00:00+08:00', seedUntil: 'sharing' });
    as = logins(t);
  }, 240_000);
  afterAll(() => t.close());

  it('a request declares its expected daily calls (shown on its page); nonsense is a 400 that stores nothing', async () => {
    const entry = await entryOf(t, 'gaj', { name: '调用量测试资源', shareType: 'conditional', items: ['公民身份号码', '姓名', '出生日期'] });
    const rsj = await as('rsj');
    for (const bad of [0, -3, 1.5, 20_000_000, '多']) {
      const res = await rsj.post('/api/share-requests').send({ ...requestBody(entry), expectedDailyCalls: bad });
      expect(res.status, String(bad)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.detail).toMatch(/预计日均调用次数/);
    }
    const created = await rsj.post('/api/share-requests').send({ ...requestBody(entry), expectedDailyCalls: 300 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await rsj.get(`/api/share-requests/${created.body.id}`)).body.expectedDailyCalls).toBe(300);
  });

  it('raises one (七) candidate per grant and day the answered calls exceed 10× the declared use — never twice, never without a declaration', async () => {
    const em = t.db.fork();
    const [grant] = await sqlAll<{ id: number; consumer_id: number; entry_id: number; request_id: number }>(em, "select id, consumer_id, entry_id, request_id from share_grants where status = 'active' and request_id is not null order by id limit 1", []);
    if (!grant) throw new Error('the demo should hold an active grant from a request');
    await sqlRun(em, 'update share_requests set expected_daily_calls = ? where id = ?', [50, grant.request_id]);
    // yesterday (Beijing) in real time: 600 answered calls (12× the 50 declared) and 40 refused ones, which never count
    const yesterday = new Date(Date.now() - 86_400_000);
    const day = shanghaiDate(yesterday);
    const call = (status: 'ok' | 'forbidden', i: number): CallInput => ({
      at: new Date(yesterday.getTime() + i), systemId: null, clientId: 'volume-test', departmentId: Number(grant.consumer_id), entryId: Number(grant.entry_id), grantId: Number(grant.id),
      datasetVersion: null, queryFields: [], queryHash: null, fieldsReturned: [], rowCount: 1, status, httpStatus: status === 'ok' ? 200 : 403, latencyMs: 2, responseHash: null,
    });
    await appendCalls(em, [...Array.from({ length: 600 }, (_, i) => call('ok', i)), ...Array.from({ length: 40 }, (_, i) => call('forbidden', 600 + i))]);

    const bureau = await as('bureau');
    const run = await bureau.post('/api/admin/jobs/gateway-excessive-volume/run').send({});
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body).toMatchObject({ violationsCreated: 1 });
    const [v] = await sqlAll<{ type: number; department_id: number; source_id: string; evidence: unknown }>(em, "select type, department_id, source_id, evidence from violations where source_kind = 'share_grant_volume'", []);
    expect(v).toMatchObject({ type: 7, department_id: Number(grant.consumer_id), source_id: `${grant.id}:${day}` });
    expect(JSON.stringify(v?.evidence)).toContain('600');

    // the same day again: nothing new; without a declaration: nothing at all
    expect((await bureau.post('/api/admin/jobs/gateway-excessive-volume/run').send({})).body).toMatchObject({ violationsCreated: 0 });
    await sqlRun(em, 'update share_requests set expected_daily_calls = null where id = ?', [grant.request_id]);
    await sqlRun(em, "delete from violations where source_kind = 'share_grant_volume'", []);
    expect((await bureau.post('/api/admin/jobs/gateway-excessive-volume/run').send({})).body).toMatchObject({ violationsCreated: 0, scanned: 0 });
  });
});
