import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShareType } from '@govdata/domain';
import { CalendarHolder, Deadline, Department, type IDepartment, type IUser, User } from '@govdata/core';
import { getShareRequest, listShareRequests, ShareAgent, ShareGrant, ShareMessage, ShareRequest, ShareRequestEvent, ShareRequestStep } from '@govdata/sharing';
import { DEMO_DEPARTMENTS, DEMO_SEED, Prng, type SeedContext, seedDemo, sharingSeeder } from '@govdata/demo';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';
import { createTestEntry } from '@govdata/catalog/testing';

// The demo must work on whatever published entries exist: here 48 made by the fixture (the catalog seeder makes 600+).
describe('sharing demo seed', () => {
  let db: TestDatabase;
  const now = new Date('2026-11-20T10:00:00+08:00');
  const calendar = new CalendarHolder();
  let seconds = 0;

  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    await seedDemo(db.fork(), { now, calendar, until: 'organisation' });
    const em = db.fork();
    const departments = await em.find(Department, { isBureau: false }, { orderBy: { id: 'asc' } });
    const types: ShareType[] = ['conditional', 'conditional', 'unconditional', 'conditional', 'unconditional', 'none'];
    for (let i = 0; i < 48; i++) {
      const provider = i % 4 === 0 ? departments.find((d) => d.name === '朔州市公安局') ?? departments[0] : departments[i % departments.length];
      const dedicatedTo = i % 9 === 0 ? departments.filter((d) => d.id !== provider.id).slice(i % 5, (i % 5) + 2).map((d) => d.id) : [];
      await createTestEntry(em, { providerId: provider.id, name: `演示资源${i}`, shareType: types[i % types.length], dedicatedTo, now: new Date('2025-01-06T09:00:00+08:00') });
    }
    const ctx: SeedContext = { em: db.fork(), now, rng: new Prng(DEMO_SEED), calendar, log: () => undefined, departments: new Map<string, IDepartment>(), users: new Map<string, IUser>() };
    const bySlug = new Map(DEMO_DEPARTMENTS.map((d) => [d.name, d.slug]));
    for (const d of await ctx.em.find(Department, {})) ctx.departments.set(bySlug.get(d.name) ?? d.name, d);
    for (const u of await ctx.em.find(User, {}, { populate: ['department'] })) ctx.users.set(u.username, u);
    const started = performance.now();
    await sharingSeeder.run(ctx);
    seconds = (performance.now() - started) / 1000;
  }, 120_000);
  afterAll(() => db.drop());

  it('creates at least 3,000 requests over the ~18 months before now, quickly', async () => {
    const em = db.fork();
    expect(await em.count(ShareRequest, {})).toBeGreaterThanOrEqual(3000);
    expect(await em.count(ShareRequest, { submittedAt: { $lt: new Date('2025-07-01T00:00:00+08:00') } })).toBeGreaterThan(60);
    expect(await em.count(ShareRequest, { submittedAt: { $gt: now } })).toBe(0);
    expect(await em.count(ShareRequestEvent, { at: { $gt: now } })).toBe(0);
    expect(await em.count(ShareGrant, { grantedAt: { $gt: now } })).toBe(0);
    expect(seconds).toBeLessThan(process.env.DATABASE_URL ? 60 : 20);
  });

  it('covers every path: approvals, conditions, rejections, returns and resubmissions, negotiation, coordination, withdrawals', async () => {
    const em = db.fork();
    for (const status of ['submitted', 'returned', 'provider_review', 'approved', 'rejected', 'negotiating', 'coordinating', 'refused', 'withdrawn'] as const) {
      expect(await em.count(ShareRequest, { status }), status).toBeGreaterThan(0);
    }
    for (const event of ['pass_unconditional', 'pass_conditional', 'return', 'resubmit', 'approve', 'reject', 'open_negotiation', 'escalate', 'coordinate_approve', 'coordinate_refuse', 'request_coordination', 'withdraw'] as const) {
      expect(await em.count(ShareRequestEvent, { event }), event).toBeGreaterThan(0);
    }
    expect(await em.count(ShareRequest, { conditions: { $ne: null }, status: 'approved' })).toBeGreaterThan(0);
    expect(await em.count(ShareRequestStep, { seq: 2, kind: 'compliance_review' })).toBeGreaterThan(0);
    expect(await em.count(ShareMessage, {})).toBeGreaterThan(0);
  });

  it('answers most steps in time, some late, and leaves some open past their due instant for the sweep', async () => {
    const em = db.fork();
    const met = await em.count(Deadline, { subjectType: 'share_request_step', state: 'met' });
    const missed = await em.count(Deadline, { subjectType: 'share_request_step', state: 'missed' });
    expect(met / (met + missed)).toBeGreaterThan(0.8);
    expect(missed).toBeGreaterThan(50);
    const overdue = await em.count(Deadline, { subjectType: 'share_request_step', kind: 'provider_reply', state: 'open', dueAt: { $lt: now } });
    expect(overdue).toBeGreaterThan(5);
    expect(await em.count(Deadline, { subjectType: 'share_request_step', state: 'open', dueAt: { $gte: now } })).toBeGreaterThan(5);
    expect(await em.count(Deadline, { subjectType: 'share_request_step', state: 'cancelled' })).toBeGreaterThan(0);
    // each open request's clock is the one on its open step
    const open = await em.find(ShareRequest, { currentDueAt: { $ne: null } }, { limit: 50 });
    for (const r of open) {
      const step = await em.findOneOrFail(ShareRequestStep, { request: r.id, decidedAt: null });
      const d = await em.findOneOrFail(Deadline, { subjectType: 'share_request_step', subjectId: step.id });
      expect([d.state, d.dueAt.getTime(), d.kind]).toEqual(['open', r.currentDueAt?.getTime(), r.currentStepKind]);
    }
    expect(await em.count(ShareRequestStep, { decidedAt: null })).toBe(await em.count(ShareRequest, { currentDueAt: { $ne: null } }));
  });

  it('includes agent replies, 专用 grants, revocations, renewals and destructions', async () => {
    const em = db.fork();
    const gaj = await em.findOneOrFail(Department, { name: '朔州市公安局' });
    expect(await em.count(ShareAgent, { provider: gaj.id })).toBe(1);
    expect(await em.count(ShareRequestStep, { onBehalfOf: gaj.id })).toBeGreaterThan(10);
    expect(await em.count(ShareGrant, { source: 'dedicated' })).toBeGreaterThan(0);
    expect(await em.count(ShareGrant, { source: 'coordination' })).toBeGreaterThan(0);
    expect(await em.count(ShareGrant, { status: 'revoked' })).toBeGreaterThan(0);
    expect(await em.count(ShareGrant, { status: 'destroyed' })).toBeGreaterThan(0);
    expect(await em.count(ShareGrant, { renewCount: { $gt: 0 } })).toBeGreaterThan(0);
  });

  it('reads back through the services like live data', async () => {
    const em = db.fork();
    const gajUser = await em.findOneOrFail(User, { username: 'agent' });
    const actor = { userId: gajUser.id, username: 'agent', displayName: gajUser.displayName, roles: gajUser.roles, departmentId: gajUser.department.id };
    const ctx = { em, actor, now, calendar };
    const todo = await listShareRequests(ctx, { box: 'todo', page: 1, pageSize: 20 });
    expect(todo.total).toBeGreaterThan(0);
    const detail = await getShareRequest(ctx, todo.items[0].id);
    expect(detail.actions).toContain('approve');
    expect(detail.steps.at(-1)).toMatchObject({ kind: 'provider_reply', completedAt: null, met: null });
  });
});
