import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Department, User } from '@govdata/core';
import { createTestApp, type TestApp } from '../testing/harness';

describe('departments and users', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists departments with search and pagination for any logged-in user', async () => {
    const agent = await t.as('gaj');
    const page1 = await agent.get('/api/departments?page=1&pageSize=10');
    expect(page1.status).toBe(200);
    expect(page1.body.total).toBeGreaterThanOrEqual(37);
    expect(page1.body.items).toHaveLength(10);
    const page2 = await agent.get('/api/departments?page=2&pageSize=10');
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
    const search = await agent.get(`/api/departments?q=${encodeURIComponent('公安')}`);
    expect(search.body.items.map((d: { name: string }) => d.name)).toEqual(['朔州市公安局']);
    const counties = await agent.get('/api/departments?kind=county_government&pageSize=50');
    expect(counties.body.items.map((d: { name: string }) => d.name).sort()).toEqual(
      ['山阴县人民政府', '应县人民政府', '右玉县人民政府', '怀仁市人民政府', '朔州市平鲁区人民政府', '朔州市朔城区人民政府'].sort(),
    );
    expect(search.body.items[0]).toMatchObject({ kind: 'government_department', regionName: '朔州市（市本级）' });
    expect(search.body.items[0].responsiblePerson).toBeTruthy();
  });

  it('requires login for the directory', async () => {
    expect((await t.anonymous().get('/api/departments')).status).toBe(401);
  });

  it('lets the bureau create a user who can then log in, with an audit event', async () => {
    const bureau = await t.as('bureau');
    const dept = await t.db.fork().findOneOrFail(Department, { name: '朔州市民政局' });
    const res = await bureau.post('/api/users').send({ username: 'mzj2', displayName: '孙丽娟', departmentId: dept.id, roles: ['dept_admin'], password: 'Strong#Pass2026' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'mzj2', department: { name: '朔州市民政局' }, disabled: false });
    expect(res.body).not.toHaveProperty('passwordHash');
    const login = await t.anonymous().post('/api/auth/login').send({ username: 'mzj2', password: 'Strong#Pass2026' });
    expect(login.status).toBe(200);
    expect(await t.db.fork().count(AuditEvent, { action: 'user.create', subjectId: String(res.body.id) })).toBe(1);
  });

  it('refuses a duplicate username with 409 and writes nothing', async () => {
    const bureau = await t.as('bureau');
    const users = await t.db.fork().count(User, {});
    const res = await bureau.post('/api/users').send({ username: 'gaj', displayName: '重复', departmentId: 1, roles: ['dept_admin'], password: 'Strong#Pass2026' });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/已被使用/);
    expect(await t.db.fork().count(User, {})).toBe(users);
  });

  it('forbids department admins and leaders the bureau endpoints (403), changing nothing', async () => {
    const gaj = await t.as('gaj');
    const users = await t.db.fork().count(User, {});
    const create = await gaj.post('/api/users').send({ username: 'sneaky', displayName: '某人', departmentId: 1, roles: ['bureau_admin'], password: 'Strong#Pass2026' });
    expect(create.status).toBe(403);
    expect(create.headers['content-type']).toMatch(/problem\+json/);
    const bureauUser = await t.db.fork().findOneOrFail(User, { username: 'bureau' });
    expect((await gaj.patch(`/api/users/${bureauUser.id}`).send({ disabled: true })).status).toBe(403);
    expect((await gaj.post('/api/departments').send({})).status).toBe(403);
    const leader = await t.as('leader');
    expect((await leader.get('/api/users')).status).toBe(403);
    expect((await leader.put('/api/admin/clock').send({ now: '2026-07-01T00:00:00+08:00' })).status).toBe(403);
    expect(await t.db.fork().count(User, {})).toBe(users);
    expect((await t.db.fork().findOneOrFail(User, { username: 'bureau' })).disabled).toBe(false);
  });

  it('isolates departments: a department admin sees only its own users', async () => {
    const gaj = await t.as('gaj');
    const own = await gaj.get('/api/users');
    expect(own.status).toBe(200);
    expect(new Set(own.body.items.map((u: { department: { name: string } }) => u.department.name))).toEqual(new Set(['朔州市公安局']));
    const other = await t.db.fork().findOneOrFail(Department, { name: '朔州市人力资源和社会保障局' });
    const foreign = await gaj.get(`/api/users?departmentId=${other.id}`);
    expect(foreign.status).toBe(403);
    const rsjUser = await t.db.fork().findOneOrFail(User, { username: 'rsj' });
    expect((await gaj.get(`/api/users/${rsjUser.id}`)).status).toBe(403);
    const bureau = await t.as('bureau');
    expect((await bureau.get(`/api/users?departmentId=${other.id}`)).body.items.map((u: { username: string }) => u.username)).toContain('rsj');
  });

  it('filters users by role on SQLite and PostgreSQL alike', async () => {
    const bureau = await t.as('bureau');
    const agents = await bureau.get('/api/users?role=dept_agent');
    expect(agents.body.items.map((u: { username: string }) => u.username)).toEqual(['agent']);
    const admins = await bureau.get('/api/users?role=bureau_admin');
    expect(admins.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['bureau', 'bureau2']);
  });

  it('keeps the bureau admin from locking themself out', async () => {
    const bureau = await t.as('bureau');
    const me = await bureau.get('/api/auth/me');
    const res = await bureau.patch(`/api/users/${me.body.id}`).send({ disabled: true });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('user.self_lockout');
  });

  it('updates a department filing (第四条) and records before and after', async () => {
    const bureau = await t.as('bureau');
    const dept = await t.db.fork().findOneOrFail(Department, { name: '朔州市教育局' });
    const res = await bureau.patch(`/api/departments/${dept.id}`).send({ responsiblePerson: '周建国', contactPhone: '0349-2188888' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ responsiblePerson: '周建国', contactPhone: '0349-2188888', filedAt: '2026-06-15' });
    const ev = await t.db.fork().findOneOrFail(AuditEvent, { action: 'department.update', subjectId: String(dept.id) });
    expect(ev.before).toMatchObject({ responsiblePerson: dept.responsiblePerson });
    expect(ev.after).toMatchObject({ responsiblePerson: '周建国' });
  });

  it('dates a filing made between 00:00 and 08:00 Beijing time on that Beijing day, not the UTC day before', async () => {
    const bureau = await t.as('bureau');
    const dept = await t.db.fork().findOneOrFail(Department, { name: '朔州市教育局' });
    const before = t.clock.now();
    t.clock.set('2026-06-16T07:30:00+08:00');
    try {
      const res = await bureau.patch(`/api/departments/${dept.id}`).send({ responsiblePerson: '吴晓东' });
      expect(res.status).toBe(200);
      expect(res.body.filedAt).toBe('2026-06-16');
    } finally {
      t.clock.set(before);
    }
  });
});
