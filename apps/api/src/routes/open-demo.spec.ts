import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { DEMO_PASSWORD, DEMO_PUBLIC_ACCOUNTS } from '@govdata/demo';
import { createTestApp, type TestApp } from '../testing/harness';

/** The demo's portal accounts and applications (issue 16 item 9): what a reader of the README can try at once. */
describe('demo: the citizen and the enterprise, applications in every state', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seedUntil: 'open-applications' });
  }, 300_000);
  afterAll(() => t.close());

  it('lets the demo citizen log in, see its applications and read the approved data with a new key', async () => {
    const citizen = t.anonymous();
    const login = await citizen.post('/api/open/account/login').send({ identifier: DEMO_PUBLIC_ACCOUNTS[0].identifier, password: DEMO_PASSWORD });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const mine = (await citizen.get('/api/open/applications')).body as Array<{ status: string; active: boolean; dataset: { name: string }; items: unknown[] }>;
    expect(mine.map((a) => a.status).sort()).toEqual(['approved', 'pending']);
    const approved = mine.find((a) => a.status === 'approved' && a.active);
    expect(approved).toBeDefined();
    const key = (await citizen.post('/api/open/account/keys').send({ name: '演示' })).body.key as string;
    const rows = await request(t.app).get(`/api/open/v1/datasets/${approved?.dataset.name}/rows?pageSize=5`).set('Authorization', `Bearer ${key}`);
    expect(rows.status, JSON.stringify(rows.body)).toBe(200);
    expect(rows.body.items).toHaveLength(5);
    expect(rows.body.fields).toHaveLength(approved?.items.length ?? 0);

    const firm = t.anonymous();
    await firm.post('/api/open/account/login').send({ identifier: DEMO_PUBLIC_ACCOUNTS[1].identifier, password: DEMO_PASSWORD }).expect(200);
    const theirs = (await firm.get('/api/open/applications')).body as Array<{ status: string; clock: { standing: { overdue: boolean } } }>;
    expect(theirs.map((a) => a.status).sort()).toEqual(['approved', 'pending', 'refused']);
    expect(theirs.find((a) => a.status === 'pending')?.clock.standing.overdue).toBe(true);

    const all = await (await t.as('bureau')).get('/api/open-applications');
    expect(all.body.total).toBe(5);
    // the ones waiting for an answer first
    expect(all.body.items.map((a: { status: string }) => a.status).slice(0, 2)).toEqual(['pending', 'pending']);
  });
});
