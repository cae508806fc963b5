import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogUpdateTrigger } from '@govdata/catalog';
import { Deadline, Department, Notification, User } from '@govdata/core';
import { entryInput } from '@govdata/catalog/testing';
import { createTestApp, type TestApp } from '../testing/harness';

describe('catalog update triggers (第七条: 15 working days)', () => {
  let t: TestApp;
  let gajId: number;
  let rsjId: number;
  beforeAll(async () => {
    t = await createTestApp({ now: '2025-09-26T10:00:00+08:00' });
    gajId = (await t.db.fork().findOneOrFail(Department, { name: '朔州市公安局' })).id;
    rsjId = (await t.db.fork().findOneOrFail(Department, { name: '朔州市人力资源和社会保障局' })).id;
  });
  afterAll(() => t.close());

  const triggerOf = async (id: number) => (await (await t.as('bureau')).get(`/api/catalog/update-triggers/${id}`)).body;

  it('counts 15 working days over National Day 2025, make-up Sunday 09-28 and Saturday 10-11 included', async () => {
    t.clock.set('2025-09-26T10:00:00+08:00');
    const bureau = await t.as('bureau');
    const res = await bureau.post('/api/catalog/update-triggers').send({ departmentId: gajId, kind: 'law_revision', reference: '《中华人民共和国治安管理处罚法》修订', effectiveDate: '2025-09-26' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // day 1 = Sun 09-28 (make-up), 09-29, 09-30, [10-01…10-08 off], 10-09, 10-10, Sat 10-11 (make-up), 10-13 … 10-23 = day 15
    expect(res.body).toEqual({ id: expect.any(Number), dueAt: '2025-10-23T15:59:59.999Z', dueDate: '2025-10-23' });
    const d = await t.db.fork().findOneOrFail(Deadline, { kind: 'catalog_update', subjectType: 'update_trigger', subjectId: res.body.id });
    expect(d).toMatchObject({ state: 'open', periodN: 15, periodUnit: 'working', provisional: false });
    expect(d.department?.id).toBe(gajId);
    // the department's data officer is told
    const gajUser = await t.db.fork().findOneOrFail(User, { username: 'gaj' });
    const told = await t.db.fork().find(Notification, { recipient: gajUser.id, kind: 'catalog.update_trigger' });
    expect(told).toHaveLength(1);
    // …with a link the console can open: the triggers page has no detail route, the list finds it by its number
    expect(told[0].link).toBe(`/catalog/update-triggers?q=%23${res.body.id}&state=all`);

    const open = await bureau.get('/api/catalog/update-triggers?state=open');
    const mine = open.body.items.find((x: { id: number }) => x.id === res.body.id);
    // on the start day all 15 working days are still ahead (the start day itself is not counted)
    expect(mine.deadline).toMatchObject({ state: 'open', dueDate: '2025-10-23', workingDaysLeft: 15, workingDaysLate: 0 });
    // Friday 10-24: one working day late, listed as overdue even before the sweep flags it
    t.clock.set('2025-10-24T09:00:00+08:00');
    const later = await t.as('bureau'); // sessions expire with the clock
    const overdue = await later.get('/api/catalog/update-triggers?state=overdue');
    expect(overdue.body.items.find((x: { id: number }) => x.id === res.body.id)?.deadline).toMatchObject({ state: 'overdue', workingDaysLeft: 0, workingDaysLate: 1 });
    expect((await later.get('/api/catalog/update-triggers?state=open')).body.items.some((x: { id: number }) => x.id === res.body.id)).toBe(false);
  });

  it('counts over the 2026 Spring Festival: make-up Saturdays 02-14 and 02-28 count, 02-15…02-23 do not', async () => {
    t.clock.set('2026-02-13T09:00:00+08:00');
    const rsj = await t.as('rsj');
    const res = await rsj.post('/api/catalog/update-triggers').send({ departmentId: rsjId, kind: 'function_change', reference: '朔编发〔2026〕2号', effectiveDate: '2026-02-13' });
    expect(res.status).toBe(201);
    expect(res.body.dueDate).toBe('2026-03-12');
    // on Monday 02-16 (a holiday) the standing counts the working days still ahead
    t.clock.set('2026-02-16T09:00:00+08:00');
    const view = await triggerOf(res.body.id);
    expect(view.deadline).toMatchObject({ state: 'open', workingDaysLeft: 14 });
  });

  it('lets a department register only for itself, and checks the payload', async () => {
    t.clock.set('2026-03-02T09:00:00+08:00');
    const gaj = await t.as('gaj');
    const count = await t.db.fork().count(CatalogUpdateTrigger, {});
    const foreign = await gaj.post('/api/catalog/update-triggers').send({ departmentId: rsjId, kind: 'law_revision', reference: '某法修订', effectiveDate: '2026-03-01' });
    expect(foreign.status).toBe(403);
    const bad = await gaj.post('/api/catalog/update-triggers').send({ departmentId: gajId, kind: 'rumour', reference: '某法修订', effectiveDate: '2026-03-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.kind']);
    const old = await gaj.post('/api/catalog/update-triggers').send({ departmentId: gajId, kind: 'law_revision', reference: '某法修订', effectiveDate: '2020-01-01' });
    expect(old.status).toBe(422);
    expect((await (await t.as('leader')).post('/api/catalog/update-triggers').send({ departmentId: gajId, kind: 'law_revision', reference: '某法修订', effectiveDate: '2026-03-01' })).status).toBe(403);
    expect(await t.db.fork().count(CatalogUpdateTrigger, {})).toBe(count);
    // a department sees its own triggers only
    expect((await gaj.get(`/api/catalog/update-triggers?departmentId=${rsjId}`)).status).toBe(403);
    const own = await gaj.get('/api/catalog/update-triggers');
    expect(own.body.items.every((x: { department: { id: number } }) => x.department.id === gajId)).toBe(true);
  });

  it('is resolved by linking versions published after the change took effect: met in time, missed late', async () => {
    t.clock.set('2026-04-01T09:00:00+08:00');
    let gaj = await t.as('gaj');
    // a version from before the change cannot prove the update
    const early = (await gaj.post('/api/catalog/entries').send(entryInput({ name: '早先的资源' }))).body;
    const earlyV = (await gaj.post(`/api/catalog/entries/${early.id}/publish`).send({})).body;
    t.clock.set('2026-04-10T09:00:00+08:00');
    const trig = (await (await t.as('bureau')).post('/api/catalog/update-triggers').send({ departmentId: gajId, kind: 'law_revision', reference: '《道路交通安全法》修正', effectiveDate: '2026-04-08' })).body;
    t.clock.set('2026-04-15T10:00:00+08:00');
    gaj = await t.as('gaj');
    const bureau = await t.as('bureau');
    const rsj = await t.as('rsj');
    const entry = (await gaj.post('/api/catalog/entries').send(entryInput({ name: '按新法更新的资源', classCode: '3-03-010-001' }))).body;
    await gaj.post(`/api/catalog/entries/${entry.id}/publish`).send({});
    const versions = (await gaj.get(`/api/catalog/entries/${entry.id}/versions`)).body;
    const earlyVersions = (await gaj.get(`/api/catalog/entries/${early.id}/versions`)).body;
    expect(earlyV.currentVersion).toBe(1);

    const linkable = await gaj.get(`/api/catalog/update-triggers/${trig.id}/linkable-versions`);
    expect(linkable.body.map((v: { versionId: number }) => v.versionId)).toEqual([versions[0].id]);
    const stale = await gaj.post(`/api/catalog/update-triggers/${trig.id}/resolve`).send({ versionIds: [earlyVersions[0].id] });
    expect(stale.status).toBe(422);
    expect(stale.body.detail).toMatch(/生效（2026-04-08）之前/);
    expect((await rsj.post(`/api/catalog/update-triggers/${trig.id}/resolve`).send({ versionIds: [versions[0].id] })).status).toBe(403);
    const ok = await gaj.post(`/api/catalog/update-triggers/${trig.id}/resolve`).send({ versionIds: [versions[0].id], note: '已更新' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'resolved', deadline: { state: 'met' }, links: [{ entryId: entry.id, version: 1 }] });
    expect((await gaj.post(`/api/catalog/update-triggers/${trig.id}/resolve`).send({ versionIds: [versions[0].id] })).status).toBe(409);

    // another one, resolved after its due day, is missed
    const late = (await bureau.post('/api/catalog/update-triggers').send({ departmentId: gajId, kind: 'function_change', reference: '朔编发〔2026〕20号', effectiveDate: '2026-03-02' })).body;
    const resolved = await gaj.post(`/api/catalog/update-triggers/${late.id}/resolve`).send({ versionIds: [versions[0].id] });
    expect(resolved.body.deadline).toMatchObject({ state: 'missed' });
    expect(resolved.body.deadline.workingDaysLate).toBeGreaterThan(0);
    const met = (await bureau.get('/api/catalog/update-triggers?state=met')).body.items.map((x: { id: number }) => x.id);
    const missed = (await bureau.get('/api/catalog/update-triggers?state=missed')).body.items.map((x: { id: number }) => x.id);
    expect(met).toContain(trig.id);
    expect(missed).toContain(late.id);
  });

  it('can be withdrawn by the bureau only; its clock is cancelled', async () => {
    const bureau = await t.as('bureau');
    const trig = (await bureau.post('/api/catalog/update-triggers').send({ departmentId: rsjId, kind: 'law_revision', reference: '误登记', effectiveDate: '2026-04-14' })).body;
    // the buttons follow the same predicates the service checks: the department resolves, only the bureau cancels
    expect((await bureau.get(`/api/catalog/update-triggers/${trig.id}`)).body.permissions).toEqual({ resolve: true, cancel: true });
    const rsj = await t.as('rsj');
    expect((await rsj.get(`/api/catalog/update-triggers/${trig.id}`)).body.permissions).toEqual({ resolve: true, cancel: false });
    expect((await (await t.as('leader')).get(`/api/catalog/update-triggers/${trig.id}`)).body.permissions).toEqual({ resolve: false, cancel: false });
    expect((await rsj.post(`/api/catalog/update-triggers/${trig.id}/cancel`).send({ reason: '不涉及本部门' })).status).toBe(403);
    const res = await bureau.post(`/api/catalog/update-triggers/${trig.id}/cancel`).send({ reason: '经核查不涉及该部门' });
    expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: '经核查不涉及该部门', deadline: { state: 'cancelled' }, permissions: { resolve: false, cancel: false } });
    expect((await bureau.get('/api/catalog/update-triggers?state=cancelled')).body.items.map((x: { id: number }) => x.id)).toContain(trig.id);
  });
});
