import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Department, User } from '@govdata/core';
import { createTestApp, type TestApp } from '../testing/harness';

/** Bad input gets a 4xx application/problem+json a person can act on, and changes nothing. */
describe('bad input', () => {
  let t: TestApp;
  let counts: () => Promise<number[]>;
  beforeAll(async () => {
    t = await createTestApp();
    counts = async () => {
      const em = t.db.fork();
      return [await em.count(User, {}), await em.count(Department, {}), await em.count(AuditEvent, { action: { $like: 'user.%' } })];
    };
  });
  afterAll(() => t.close());

  const expectProblem = (res: { status: number; headers: Record<string, string>; body: { detail?: string; status?: number } }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(status);
    expect(res.body.detail).toMatch(/[\u4e00-\u9fa5]/); // a Chinese sentence for the user
  };

  it('malformed JSON → 400', async () => {
    const before = await counts();
    const bureau = await t.as('bureau');
    const res = await bureau.post('/api/users').set('Content-Type', 'application/json').send('{"username": "x",');
    expectProblem(res, 400);
    expect(res.body.code).toBe('entity.parse.failed');
    expect(await counts()).toEqual(before);
  });

  it('wrong types → 400 naming the fields', async () => {
    const before = await counts();
    const bureau = await t.as('bureau');
    const res = await bureau.post('/api/users').send({ username: 42, displayName: ['x'], departmentId: 'one', roles: 'bureau_admin', password: true });
    expectProblem(res, 400);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.username', 'body.displayName', 'body.departmentId', 'body.roles', 'body.password']));
    expect(await counts()).toEqual(before);
  });

  it('unknown fields → 400 naming the field', async () => {
    const before = await counts();
    const bureau = await t.as('bureau');
    const res = await bureau.post('/api/users').send({ username: 'newone', displayName: '新用户', departmentId: 1, roles: ['leader'], password: 'Strong#Pass2026', isRoot: true });
    expectProblem(res, 400);
    expect(JSON.stringify(res.body.errors)).toMatch(/isRoot/);
    expect(await counts()).toEqual(before);
  });

  it('rule failures in a valid shape → 4xx and nothing written (weak password, unknown role, bad credit code)', async () => {
    const before = await counts();
    const bureau = await t.as('bureau');
    const weak = await bureau.post('/api/users').send({ username: 'weakling', displayName: '弱', departmentId: 1, roles: ['leader'], password: 'password' });
    expectProblem(weak, 400);
    expect(weak.body.detail).toMatch(/密码/);
    const role = await bureau.post('/api/users').send({ username: 'roleless', displayName: '某', departmentId: 1, roles: ['superuser'], password: 'Strong#Pass2026' });
    expectProblem(role, 400);
    const dept = await bureau.post('/api/departments').send({ code: '111406000000000000', name: '朔州市测试局', kind: 'government_department', regionCode: '140600' });
    expectProblem(dept, 400);
    expect(dept.body.detail).toMatch(/统一社会信用代码/);
    const missingDept = await bureau.post('/api/users').send({ username: 'orphan', displayName: '某', departmentId: 99999, roles: ['leader'], password: 'Strong#Pass2026' });
    expectProblem(missingDept, 422);
    expect(await counts()).toEqual(before);
  });

  it('oversized body → 413', async () => {
    const before = await counts();
    const bureau = await t.as('bureau');
    const res = await bureau.post('/api/users').send({ username: 'big', displayName: 'x'.repeat(2_000_000) });
    expectProblem(res, 413);
    expect(await counts()).toEqual(before);
  });

  it('a body that is not JSON → 400 asking for JSON', async () => {
    const bureau = await t.as('bureau');
    const res = await bureau.post('/api/users').set('Content-Type', 'text/plain').send('username=x');
    expectProblem(res, 400);
    expect(res.body.detail).toMatch(/JSON/);
  });

  it('bad path and query parameters → 400; unknown API route → 404', async () => {
    const bureau = await t.as('bureau');
    expectProblem(await bureau.get('/api/users/abc'), 400);
    expectProblem(await bureau.get('/api/users?pageSize=100000'), 400);
    expectProblem(await bureau.get('/api/departments?kind=ministry'), 400);
    expectProblem(await bureau.get('/api/users/999999'), 404);
    expectProblem(await bureau.get('/api/no-such-thing'), 404);
  });

  it('an empty patch → 400 "至少修改一项"', async () => {
    const bureau = await t.as('bureau');
    const res = await bureau.patch('/api/users/2').send({});
    expectProblem(res, 400);
    expect(res.body.detail).toMatch(/至少修改一项/);
  });
});
