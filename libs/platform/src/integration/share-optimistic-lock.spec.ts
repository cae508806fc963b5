import { OptimisticLockError } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@govdata/domain';
import { CalendarHolder, Department, User } from '@govdata/core';
import { complianceReview, createShareRequest, replyToShareRequest, ShareGrant, ShareRequest } from '@govdata/sharing';
import { seedDemo } from '@govdata/demo';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';
import { createTestEntry } from '@govdata/catalog/testing';

/**
 * The 409 of two simultaneous replies is the database's doing: a reply decided on a stale read of the request (both
 * read "待提供部门答复") fails at its UPDATE … WHERE lock_version = …, whatever the application believed.
 */
describe('the share request optimistic lock', () => {
  let db: TestDatabase;
  const calendar = new CalendarHolder();
  const now = new Date('2026-05-11T10:00:00+08:00');
  const actors: Record<string, Actor> = {};

  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    await seedDemo(db.fork(), { now, calendar, until: 'organisation' });
    for (const u of await db.fork().find(User, { username: { $in: ['gaj', 'rsj', 'bureau'] } })) {
      actors[u.username] = { userId: u.id, username: u.username, displayName: u.displayName, roles: u.roles, departmentId: u.department.id };
    }
  });
  afterAll(() => db.drop());

  it('refuses the second of two replies made on the same stale read, and keeps the first', async () => {
    const gaj = await db.fork().findOneOrFail(Department, { name: '朔州市公安局' });
    const { entry, items } = await createTestEntry(db.fork(), { providerId: gaj.id, name: '居民身份证信息' });
    const ctx = (username: string, em = db.fork()) => ({ em, actor: actors[username], now, calendar });
    const { id } = await createShareRequest(ctx('rsj'), { entryId: entry.id, itemIds: items.slice(0, 2).map((i) => i.id), purpose: '社保待遇资格认证', scenario: '窗口核验' });
    await complianceReview(ctx('bureau'), id, { decision: 'pass' });

    const first = db.fork();
    const second = db.fork();
    // both read the request while it still waits for the provider
    expect((await first.findOneOrFail(ShareRequest, id)).status).toBe('provider_review');
    expect((await second.findOneOrFail(ShareRequest, id)).status).toBe('provider_review');
    await first.transactional((em) => replyToShareRequest(ctx('gaj', em), id, { decision: 'approve' }));
    await expect(
      second.transactional((em) => replyToShareRequest(ctx('gaj', em), id, { decision: 'reject', reasonCategory: 'other', reason: '依据有关规定不予提供该数据资源' })),
    ).rejects.toThrow(OptimisticLockError);
    const after = await db.fork().findOneOrFail(ShareRequest, id);
    expect(after).toMatchObject({ status: 'approved', rejectCategory: null });
    expect(await db.fork().count(ShareGrant, { request: id })).toBe(1);
  });
});
