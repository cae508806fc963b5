import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { DEMO_PASSWORD } from '@govdata/demo';
import { createTestApp, type TestApp } from '../testing/harness';

/** issue 13 item 5: state changes sent by a foreign page are refused; the SPA's own requests pass */
describe('CSRF guard', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { GOVDATA_ALLOWED_ORIGINS: 'https://portal.example.gov.cn' } });
    const res = await request(t.app).post('/api/auth/login').send({ username: 'bureau', password: DEMO_PASSWORD });
    cookie = String(res.headers['set-cookie']).split(';')[0];
  });
  afterAll(() => t.close());

  const logoutEverywhere = () => request(t.app).post('/api/auth/logout-everywhere').set('Cookie', cookie);
  const stillLoggedIn = async () => (await request(t.app).get('/api/auth/me').set('Cookie', cookie)).status === 200;

  it('refuses form and text/plain posts, and posts with no body, from a logged-in browser', async () => {
    for (const res of [
      await logoutEverywhere().type('form').send('x=1'),
      await logoutEverywhere().set('Content-Type', 'text/plain').send('x'),
      await logoutEverywhere().set('Content-Type', 'multipart/form-data; boundary=x').send('--x--'),
      await logoutEverywhere(),
      await request(t.app).post('/api/admin/jobs/deadline-sweep/run').set('Cookie', cookie),
    ]) {
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('csrf.refused');
    }
    expect(await stillLoggedIn()).toBe(true);
  });

  it('refuses a foreign Origin and Sec-Fetch-Site: cross-site even with JSON', async () => {
    const foreign = await logoutEverywhere().set('Origin', 'https://evil.example.com').send({});
    expect(foreign.status).toBe(403);
    expect(foreign.body.detail).toMatch(/其他来源/);
    const nullOrigin = await logoutEverywhere().set('Origin', 'null').send({});
    expect(nullOrigin.status).toBe(403);
    const crossSite = await logoutEverywhere().set('Sec-Fetch-Site', 'cross-site').set('X-Requested-With', 'govdata').send({});
    expect(crossSite.status).toBe(403);
    const login = await request(t.app).post('/api/auth/login').set('Origin', 'https://evil.example.com').send({ username: 'gaj', password: DEMO_PASSWORD });
    expect(login.status).toBe(403);
    expect(await stillLoggedIn()).toBe(true);
  });

  it('lets the SPA through: same origin, JSON or its header; and configured origins', async () => {
    const own = await request(t.app).post('/api/notifications/read-all').set('Cookie', cookie).set('Host', 'govdata.test').set('Origin', 'http://govdata.test').set('Sec-Fetch-Site', 'same-origin').send({});
    expect(own.status).not.toBe(403);
    const header = await request(t.app).post('/api/notifications/read-all').set('Cookie', cookie).set('X-Requested-With', 'govdata');
    expect(header.status).not.toBe(403);
    const configured = await request(t.app).post('/api/notifications/read-all').set('Cookie', cookie).set('Origin', 'https://portal.example.gov.cn').send({});
    expect(configured.status).not.toBe(403);
    // finally the real thing, from the SPA
    const out = await logoutEverywhere().set('Origin', 'http://govdata.test').set('Host', 'govdata.test').set('X-Requested-With', 'govdata').send({});
    expect(out.status).toBe(200);
    expect(await stillLoggedIn()).toBe(false);
  });
});
