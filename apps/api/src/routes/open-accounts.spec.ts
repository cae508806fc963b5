import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { sqlAll } from '@govdata/core';
import { OPEN_AGREEMENT } from '@govdata/domain';
import { PublicApiKey, PublicUser } from '@govdata/opendata';
import { createTestApp, type TestApp } from '../testing/harness';
import { CLIENT_HEADER, CLIENT_HEADER_VALUE } from '../http/csrf';

type Agent = ReturnType<typeof request.agent>;

function expectProblem(res: { status: number; headers: Record<string, string>; body: { detail?: string } }, status: number, text?: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.detail).toMatch(/[\u4e00-\u9fff]/);
  if (text) expect(res.body.detail).toMatch(text);
}

/** a strong password nobody would guess, different per test user */
const PASSWORD = 'Lantern-orbit-57-quietly';
export const person = (identifier: string, extra: Record<string, unknown> = {}) => ({
  kind: 'person',
  identifier,
  password: PASSWORD,
  displayName: '王小明',
  agreementVersion: OPEN_AGREEMENT.version,
  acceptAgreement: true,
  ...extra,
});
/** 统一社会信用代码 with a valid check character (GB 32100-2015) */
const CREDIT_CODE = '91140600MA0K4N8X2D';

const cookieOf = (res: { headers: Record<string, unknown> }, name: string): string | null => {
  const set = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  const line = set.find((c) => c.startsWith(`${name}=`));
  return line ? (line.split(';')[0] as string).slice(name.length + 1) : null;
};

describe('open portal accounts: registration, sessions apart from staff, API keys (issue 16 item 3)', () => {
  let t: TestApp;
  const agent = (): Agent => t.anonymous();
  const count = async () => t.db.fork().count(PublicUser, {});

  beforeAll(async () => {
    t = await createTestApp({ seedUntil: 'organisation' });
  }, 240_000);
  afterAll(() => t.close());

  it('validates a registration and stores nothing when it is refused', async () => {
    const before = await count();
    // the credit code's check character is wrong (last character changed)
    expectProblem(await agent().post('/api/open/account/register').send(person('org@example.com', { kind: 'organisation', organisationName: '朔州示例科技有限公司', creditCode: '91140600MA0K4N8X2E' })), 400, /统一社会信用代码/);
    expectProblem(await agent().post('/api/open/account/register').send(person('org@example.com', { kind: 'organisation', organisationName: '朔州示例科技有限公司' })), 400, /统一社会信用代码/);
    expectProblem(await agent().post('/api/open/account/register').send(person('p@example.com', { creditCode: CREDIT_CODE })), 400, /个人用户/);
    // the staff password policy: schema, then zxcvbn
    expectProblem(await agent().post('/api/open/account/register').send(person('weak@example.com', { password: 'short1A' })), 400, /密码至少 10 位/);
    expectProblem(await agent().post('/api/open/account/register').send(person('weak@example.com', { password: 'Password12' })), 400, /容易被猜到/);
    expectProblem(await agent().post('/api/open/account/register').send(person('not-an-identifier')), 400, /邮箱.*手机号/);
    expectProblem(await agent().post('/api/open/account/register').send(person('a@example.com', { acceptAgreement: false })), 400, /使用协议/);
    expectProblem(await agent().post('/api/open/account/register').send(person('a@example.com', { agreementVersion: 'old-0.1' })), 400, /使用协议/);
    expectProblem(await agent().post('/api/open/account/register').send({ ...person('a@example.com'), roles: ['bureau_admin'] }), 400);
    expect(await count()).toBe(before);

    const ok = await agent().post('/api/open/account/register').send(person('Wang.XM@Example.com'));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ kind: 'person', identifier: 'wang.xm@example.com', identifierType: 'email', agreement: { version: OPEN_AGREEMENT.version } });
    const org = await agent().post('/api/open/account/register').send(person('+86 139 0000 1234', { kind: 'organisation', displayName: '李经理', organisationName: '朔州示例科技有限公司', creditCode: CREDIT_CODE.toLowerCase() }));
    expect(org.status, JSON.stringify(org.body)).toBe(201);
    expect(org.body).toMatchObject({ identifier: '13900001234', identifierType: 'phone', creditCode: CREDIT_CODE, organisationName: '朔州示例科技有限公司' });
    // the same identifier again, whatever its case
    expectProblem(await agent().post('/api/open/account/register').send(person('wang.xm@EXAMPLE.com')), 409, /已注册/);
    expect(await count()).toBe(before + 2);
    const stored = await t.db.fork().findOneOrFail(PublicUser, { identifier: 'wang.xm@example.com' }, { populate: ['passwordHash'] });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(stored.agreementVersion).toBe(OPEN_AGREEMENT.version);
  });

  it('keeps public sessions and staff sessions apart, both ways', async () => {
    const citizen = agent();
    const login = await citizen.post('/api/open/account/login').send({ identifier: 'wang.xm@example.com', password: PASSWORD });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const token = cookieOf(login, 'govdata_open_session');
    expect(token).toBeTruthy();
    expect(((login.headers['set-cookie'] as unknown as string[]) ?? []).join()).toMatch(/Path=\/api\/open;.*HttpOnly.*SameSite=Strict/);
    expect((await citizen.get('/api/open/account/me')).body.displayName).toBe('王小明');

    // the public cookie on staff routes: as if no session at all — also when sent under the staff cookie's name
    expectProblem(await request(t.app).get('/api/auth/me').set('Cookie', `govdata_open_session=${token}`), 401);
    expectProblem(await request(t.app).get('/api/auth/me').set('Cookie', `govdata_session=${token}`), 401);
    expectProblem(await request(t.app).get('/api/open-applications').set('Cookie', `govdata_session=${token}`), 401);

    // a staff session on public-user routes: refused likewise
    const staff = await t.as('gaj');
    expectProblem(await staff.get('/api/open/account/me'), 401, /开放平台账号/);
    const staffLogin = await request(t.app).post('/api/auth/login').set(CLIENT_HEADER, CLIENT_HEADER_VALUE).send({ username: 'gaj', password: 'Govdata@2026' });
    const staffToken = cookieOf(staffLogin, 'govdata_session');
    expectProblem(await request(t.app).get('/api/open/account/me').set('Cookie', `govdata_open_session=${staffToken}`), 401);
    expectProblem(await request(t.app).post('/api/open/account/keys').set('Cookie', `govdata_open_session=${staffToken}`).send({ name: 'x' }), 401);

    // logout ends the public session only
    expect((await citizen.post('/api/open/account/logout').send({})).status).toBe(200);
    expectProblem(await citizen.get('/api/open/account/me'), 401);
  });

  it('guards public logins against cross-site forgery and guessing, without locking the owner out', async () => {
    // a foreign page's form post
    expectProblem(await request(t.app).post('/api/open/account/login').type('form').send({ identifier: 'wang.xm@example.com', password: PASSWORD }), 403);
    expectProblem(await request(t.app).post('/api/open/account/login').set('Origin', 'https://evil.example').send({ identifier: 'wang.xm@example.com', password: PASSWORD }), 403);
    // five wrong passwords from one address, then 429 for that address on that account
    const guesser = () => request(t.app).post('/api/open/account/login').send({ identifier: 'wang.xm@example.com', password: 'Wrong-password-1' });
    for (let i = 0; i < 5; i++) expectProblem(await guesser(), 401, /密码错误/);
    const blocked = await guesser();
    expectProblem(blocked, 429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // unknown identifiers answer exactly like wrong passwords
    expectProblem(await agent().post('/api/open/account/login').send({ identifier: 'nobody@example.com', password: PASSWORD }), 401, /密码错误/);
    // the window passes (real time): the owner logs in again — a guesser never locks the account
    t.advanceRealTime(16 * 60_000);
    expect((await agent().post('/api/open/account/login').send({ identifier: 'wang.xm@example.com', password: PASSWORD })).status).toBe(200);
  });

  it('issues API keys shown once and stored hashed, lists and revokes them', async () => {
    const citizen = agent();
    await citizen.post('/api/open/account/login').send({ identifier: '13900001234', password: PASSWORD }).expect(200);
    expectProblem(await citizen.post('/api/open/account/keys').send({ name: '' }), 400, /密钥名称/);
    const made = await citizen.post('/api/open/account/keys').send({ name: '数据分析脚本' });
    expect(made.status).toBe(201);
    expect(made.body.key).toMatch(/^ok_[A-Za-z0-9_-]{43}$/);
    expect(made.body.apiKey).toMatchObject({ name: '数据分析脚本', prefix: made.body.key.slice(0, 11), revokedAt: null });
    const rows = await sqlAll<Record<string, unknown>>(t.db.fork(), 'select * from public_api_keys', []);
    expect(JSON.stringify(rows)).not.toContain(made.body.key);
    const list = await citizen.get('/api/open/account/keys');
    expect(list.body).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(made.body.key);

    // another user cannot see or revoke it
    const other = agent();
    await other.post('/api/open/account/login').send({ identifier: 'wang.xm@example.com', password: PASSWORD }).expect(200);
    expect((await other.get('/api/open/account/keys')).body).toEqual([]);
    expectProblem(await other.post(`/api/open/account/keys/${made.body.apiKey.id}/revoke`).send({}), 404);

    for (let i = 0; i < 4; i++) await citizen.post('/api/open/account/keys').send({ name: `密钥${i}` }).expect(201);
    expectProblem(await citizen.post('/api/open/account/keys').send({ name: '第六个' }), 409, /最多/);
    const revoked = await citizen.post(`/api/open/account/keys/${made.body.apiKey.id}/revoke`).send({});
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBeTruthy();
    expect(await t.db.fork().count(PublicApiKey, { revokedAt: null })).toBe(4);
    // a revoked key reads nothing
    const refused = await request(t.app).get('/api/open/v1/datasets/sz-anything/rows').set('Authorization', `Bearer ${made.body.key}`);
    expectProblem(refused, 401, /已停用/);
    expect(refused.headers['www-authenticate']).toMatch(/Bearer/);
    expectProblem(await request(t.app).get('/api/open/v1/datasets/sz-anything/rows'), 401, /密钥/);
    expectProblem(await request(t.app).get('/api/open/v1/datasets/sz-anything/rows').set('X-API-Key', 'ok_guess'), 401, /格式/);
  });
});
