import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { answerClientError } from '../http/problem';
import { assertAcceptablePassword, PUBLISHED_DEMO_PASSWORD, User } from '@govdata/core';
import { createApp } from '../app';
import { route } from '../http/route';
import { createTestApp, type TestApp } from '../testing/harness';

/** issue 13 items 2 and 6: control characters, hostile nesting, and what the log may say */
describe('hostile input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses U+0000 and other C0 characters in queries, paths and bodies with 400 naming the field, changing nothing', async () => {
    const bureau = await t.as('bureau');
    const gaj = await t.as('gaj');
    const q = await gaj.get('/api/share-entries?q=%00');
    expect(q.status).toBe(400);
    expect(q.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(q.body).toMatchObject({ code: 'input.control_character', detail: 'query.q：不能包含控制字符（U+0000），请删除后重新输入' });

    const leader = await t.db.fork().findOneOrFail(User, { username: 'leader' });
    const patch = await bureau.patch(`/api/users/${leader.id}`).send({ displayName: '\u0000x' });
    expect(patch.status).toBe(400);
    expect(patch.body.errors).toEqual([{ path: 'body.displayName', message: expect.stringMatching(/控制字符/) }]);
    expect((await t.db.fork().findOneOrFail(User, { username: 'leader' })).displayName).toBe(leader.displayName);

    for (const [path, status] of [
      ['/api/users?q=a%1Bb', 400],
      ['/api/departments?q=%07', 400],
      ['/api/catalog/entries?q=%00', 400],
      ['/api/users/%00', 400],
    ] as const) {
      expect((await bureau.get(path)).status, path).toBe(status);
    }
    expect((await bureau.post('/api/users').send({ username: 'nul\u0000', displayName: 'x', departmentId: 1, roles: ['leader'], password: 'x' })).status).toBe(400);
  });

  it('keeps tab, CR and LF in text fields', async () => {
    const bureau = await t.as('bureau');
    const leader = await t.db.fork().findOneOrFail(User, { username: 'leader' });
    const res = await bureau.patch(`/api/users/${leader.id}`).send({ displayName: '领导\t小组' });
    expect(res.status).toBe(200);
    await bureau.patch(`/api/users/${leader.id}`).send({ displayName: leader.displayName });
  });

  it('refuses JSON nested thousands deep in a free-form field with 400', async () => {
    let details: unknown = { note: 'x' };
    for (let i = 0; i < 1500; i++) details = { d: details };
    const res = await (await t.as('bureau')).post('/api/violations').send({ departmentId: 3, type: 9, summary: '检查中发现的其他违规情况', details });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('input.too_deep');
    expect(res.body.detail).toMatch(/^body\.details\.d\.d.*嵌套层级超过 32 层/);
  });
});

/** issue 13 item 6 */
describe('smaller 500s and leaks', () => {
  let t: TestApp;
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp();
    server = http.createServer(t.app);
    server.on('clientError', answerClientError);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  it('answers a record that does not exist with 404, not 500', async () => {
    const res = await (await t.as('bureau')).get('/api/catalog/excel/export.xlsx?departmentId=999999');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('marks authenticated JSON Cache-Control: no-store', async () => {
    const me = await (await t.as('gaj')).get('/api/auth/me');
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('answers oversized request headers with 431 problem+json', async () => {
    const res = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/api/health', headers: { 'X-Padding': 'x'.repeat(40_000) } }, (r) => {
        let body = '';
        r.on('data', (c) => (body += c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, type: String(r.headers['content-type']), body }));
      });
      req.on('error', reject);
    });
    expect(res.status).toBe(431);
    expect(res.type).toBe('application/problem+json');
    expect(JSON.parse(res.body)).toMatchObject({ status: 431, code: 'headers_too_large' });
  });

  it('answers an upload over the limit with 413 as soon as it passes the limit, without reading the rest', async () => {
    const cookie = String((await request(t.app).post('/api/auth/login').send({ username: 'gaj', password: 'Govdata@2026' })).headers['set-cookie']).split(';')[0];
    const result = await new Promise<{ status: number; sentMb: number }>((resolve, reject) => {
      // chunked: no Content-Length to refuse up front; 11 MB are sent, then the client waits — it never ends the body
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/catalog/excel/preview', headers: { Cookie: cookie, 'Content-Type': 'application/octet-stream', 'X-Requested-With': 'govdata' } }, (r) =>
        resolve({ status: r.statusCode ?? 0, sentMb: sent / 1024 / 1024 }),
      );
      req.on('error', reject);
      let sent = 0;
      const chunk = Buffer.alloc(1024 * 1024, 1);
      const pump = () => {
        while (sent < 11 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
      };
      pump();
    });
    expect(result.status).toBe(413);
    expect(result.sentMb).toBeLessThanOrEqual(11);
  });
});

describe('logs in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('never carry request values: an unexpected database error logs its class and frames, not its SQL', async () => {
    const lines: string[] = [];
    const log = { info: (): void => undefined, error: (m: string, e?: unknown) => void lines.push(`${m} ${e instanceof Error ? `${e.message}\n${e.stack}` : String(e)}`) };
    const failing = route({
      method: 'get',
      path: '/api/test/failing-query',
      summary: 'test',
      tags: ['test'],
      access: 'public',
      async handler({ em, req }) {
        await em.execute(`select * from no_such_table where name = '${String(req.query.name).replace(/'/g, "''")}'`);
        return {};
      },
    });
    for (const production of [false, true]) {
      const app = createApp({ ...t.ctx, log, config: { ...t.ctx.config, production } }, [failing]);
      const res = await request(app).get('/api/test/failing-query?name=secret-value-4711');
      expect(res.status).toBe(500);
      expect(res.body.detail).not.toMatch(/secret-value-4711|no_such_table/);
    }
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/secret-value-4711/); // development: the whole error, for the developer
    expect(lines[1]).not.toMatch(/secret-value-4711/);
    expect(lines[1]).not.toMatch(/no_such_table|select/i);
    expect(lines[1]).toMatch(/unhandled error on GET \/api\/test\/failing-query .*Exception/);
    expect(lines[1]).toMatch(/\n\s+at /); // the frames stay, for the developer who gets the report
  });
});

/** issue 13 item 7 */
describe('password policy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const create = async (username: string, password: string) =>
    (await t.as('bureau')).post('/api/users').send({ username, displayName: '测试用户', departmentId: 1, roles: ['leader'], password });

  it('refuses guessable passwords, passwords containing the username, and keeps strong ones', async () => {
    for (const weak of ['Password12', 'Aaaaaaaaa1', 'Qwerty12345!']) {
      const res = await create('newuser1', weak);
      expect(res.status, weak).toBe(400);
      expect(res.body.code).toBe('user.weak_password');
      expect(res.body.errors).toEqual([{ path: 'body.password', message: expect.stringMatching(/容易被猜到/) }]);
    }
    const named = await create('wangwei', 'Wangwei#2026-blue-river');
    expect(named.status).toBe(400);
    expect(named.body.detail).toBe('密码：不能包含用户名');
    expect((await create('newuser2', 'Shuozhou-river#orchid-47')).status).toBe(201);
  }, 120_000);

  it('refuses a weak new password on update too', async () => {
    const leader = await t.db.fork().findOneOrFail(User, { username: 'leader' });
    const res = await (await t.as('bureau')).patch(`/api/users/${leader.id}`).send({ password: 'Password12' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('user.weak_password');
  });
});

describe('password policy in production', () => {
  it('refuses the published demo password', async () => {
    await expect(assertAcceptablePassword(PUBLISHED_DEMO_PASSWORD, { username: 'someone' }, { production: true })).rejects.toMatchObject({ message: '密码：不能使用公开的演示密码' });
  });
});
