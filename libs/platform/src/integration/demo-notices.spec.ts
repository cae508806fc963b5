import { afterEach, describe, expect, it } from 'vitest';
import { CalendarHolder, Department, Violation } from '@govdata/core';
import { Notice, NoticeViolation } from '@govdata/supervision';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';
import { DEMO_SEEDERS, noticesSeeder, organisationSeeder, Prng } from '@govdata/demo';

describe('notices demo seeder', () => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it('runs after the existing seeders (only the assessment, which reads what they made, comes after it)', () => {
    const names = DEMO_SEEDERS.map((s) => s.name);
    expect(names.slice(-2)).toEqual(['notices', 'assessment']);
    expect(names.indexOf('organisation')).toBeLessThan(names.indexOf('notices'));
  });

  it('leaves notices at every stage of their life, numbered in issue order, nothing after now', async () => {
    db = await createPlatformTestDatabase();
    const now = new Date('2026-11-20T10:00:00+08:00');
    // the notices seeder alone over the organisation: other areas' seeders leave violations of their own
    const seedEm = db.fork();
    const ctx = { em: seedEm, now, rng: new Prng(20_220_517), calendar: new CalendarHolder(), log: () => undefined, departments: new Map(), users: new Map() };
    await organisationSeeder.run(ctx);
    await noticesSeeder.run(ctx);
    const em = db.fork();
    const notices = await em.find(Notice, {}, { populate: ['department', 'deadline'], orderBy: { id: 'asc' } });
    const byDept = (name: string) => notices.filter((n) => n.department.getEntity().name === name);
    expect(byDept('朔州市公安局')[0]).toMatchObject({ status: 'closed' });
    expect(byDept('朔州市公安局')[0].deadline?.getEntity().state).toBe('met');
    expect(byDept('朔州市市场监督管理局')[0]).toMatchObject({ status: 'closed' });
    expect(byDept('朔州市人力资源和社会保障局')[0]).toMatchObject({ status: 'escalated' });
    expect(byDept('朔州市住房和城乡建设局')[0]).toMatchObject({ status: 'returned' });
    expect(byDept('朔州市民政局')[0]).toMatchObject({ status: 'issued' });
    expect(byDept('朔州市交通运输局')[0]).toMatchObject({ status: 'draft', number: null });
    const issued = notices.filter((n) => n.issuedAt).sort((a, b) => (a.issuedAt?.getTime() ?? 0) - (b.issuedAt?.getTime() ?? 0));
    expect(issued.map((n) => n.number)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `朔政数通〔2026〕${i}号`));
    for (const n of notices) {
      expect(n.createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(n.updatedAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    // the returned and the running notices still have time; the escalated one left its 八 behind
    for (const n of [...byDept('朔州市住房和城乡建设局'), ...byDept('朔州市民政局')]) expect(n.deadline?.getEntity().dueAt.getTime()).toBeGreaterThan(now.getTime());
    const rsj = byDept('朔州市人力资源和社会保障局')[0];
    expect(await em.count(Violation, { type: 8, sourceKind: 'notice', sourceId: String(rsj.id) })).toBe(1);
    expect(await em.count(Violation, { manual: true, type: { $in: [6, 7, 9] } })).toBe(7);
    expect(await em.count(Violation, { status: 'closed' })).toBe(3);
  });

  it('works with or without other areas first, and drafts notices over the confirmed violations it finds', async () => {
    db = await createPlatformTestDatabase();
    const em = db.fork();
    const now = new Date('2026-01-15T10:00:00+08:00');
    const ctx = { em, now, rng: new Prng(7), calendar: new CalendarHolder(), log: () => undefined, departments: new Map(), users: new Map() };
    await organisationSeeder.run(ctx);
    // what a detector of another area might have left, confirmed by the bureau
    const dept = await em.findOneOrFail(Department, { name: '朔州市医疗保障局' });
    const found = em.create(Violation, { type: 2, department: dept, sourceKind: 'share_request_step', sourceId: '77', detectedAt: new Date('2026-01-10T02:00:00Z'), evidence: { summary: '共享申请逾期未答复', dueAt: '2026-01-08T15:59:59.999Z', workingDaysLate: 1 }, status: 'confirmed' });
    await em.flush();
    await noticesSeeder.run(ctx);
    const link = await db.fork().findOneOrFail(NoticeViolation, { violation: found.id }, { populate: ['notice'] });
    expect(link.notice.getEntity().status).toBe('draft');
    // a history that crosses the year: each year numbered from 1
    const numbers = (await db.fork().find(Notice, { number: { $ne: null } }, { orderBy: { issuedAt: 'asc' } })).map((n) => n.number);
    expect(numbers).toEqual(['朔政数通〔2025〕1号', '朔政数通〔2025〕2号', '朔政数通〔2025〕3号', '朔政数通〔2025〕4号', '朔政数通〔2025〕5号', '朔政数通〔2026〕1号']);
  });
});
