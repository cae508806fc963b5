import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@govdata/domain';
import { CalendarHolder, Department, User } from '@govdata/core';
import { createShareRequest, ShareRequest } from '@govdata/sharing';
import { seedDemo } from '@govdata/demo';
import { createTestEntry } from '@govdata/catalog/testing';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';

const MIGRATION = 'Migration20261202164719_share_requests_one_open';

/**
 * The unique index "one open request per department and entry" came after requests could be opened twice. On a
 * database that holds such pairs the migration must stop and name them — not fail on the index with an engine message,
 * and not close anybody's request behind their back.
 */
describe('the migration to one open request per entry', () => {
  let db: TestDatabase;
  const calendar = new CalendarHolder();
  const now = new Date('2026-05-11T10:00:00+08:00');

  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    await seedDemo(db.fork(), { now, calendar, until: 'organisation' });
  });
  afterAll(() => db.drop());

  it('stops with the requests to withdraw when a department has two open requests for one entry, and passes once one is withdrawn', async () => {
    const em = db.fork();
    const rsj = await em.findOneOrFail(User, { username: 'rsj' });
    const actor: Actor = { userId: rsj.id, username: rsj.username, displayName: rsj.displayName, roles: rsj.roles, departmentId: rsj.department.id };
    const gaj = await em.findOneOrFail(Department, { name: '朔州市公安局' });
    const { entry, items } = await createTestEntry(db.fork(), { providerId: gaj.id, name: '居民身份证信息' });
    const { id } = await createShareRequest({ em: db.fork(), actor, now, calendar }, { entryId: entry.id, itemIds: [items[0].id], purpose: '社保待遇资格认证', scenario: '窗口核验' });

    // back to the database as it was before the migration, with the same request opened a second time
    const conn = em.getConnection();
    await conn.execute('drop index share_requests_one_open_per_entry');
    await conn.execute('delete from mikro_orm_migrations where name = ?', [MIGRATION]);
    const meta = db.orm.getMetadata().get(ShareRequest.meta.className);
    const columns = meta.props.filter((p) => p.name !== 'id' && p.fieldNames?.length && p.persist !== false).flatMap((p) => p.fieldNames);
    const existing = new Set((await conn.execute<{ name: string }[]>(db.url.startsWith('postgres') ? "select column_name as name from information_schema.columns where table_name = 'share_requests'" : "select name from pragma_table_info('share_requests')")).map((c) => c.name));
    const copied = columns.filter((c) => existing.has(c)).join(', ');
    await conn.execute(`insert into share_requests (${copied}) select ${copied} from share_requests where id = ?`, [id]);
    const twin = Number((await conn.execute<{ id: number }[]>('select max(id) as id from share_requests'))[0].id);

    const migrator = db.orm.getMigrator();
    await expect(migrator.up()).rejects.toThrow(new RegExp(`撤回多余的申请.*申请 ${id}, ${twin}`));
    // nothing was closed or changed: both requests are still open, as they were
    const rows = await conn.execute<{ status: string }[]>('select status from share_requests where id in (?, ?)', [id, twin]);
    expect(rows.map((r) => r.status)).toEqual([rows[0].status, rows[0].status]);
    expect(['submitted', 'provider_review']).toContain(rows[0].status);

    await conn.execute(`update share_requests set status = 'withdrawn' where id = ?`, [twin]);
    await migrator.up();
    expect((await migrator.getPendingMigrations()).length).toBe(0);
    await expect(conn.execute(`insert into share_requests (${copied}) select ${copied} from share_requests where id = ?`, [id])).rejects.toThrow();
  });
});
