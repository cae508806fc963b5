import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarHolder, Deadline, describeSubjects, executeJob, Violation } from '@govdata/core';
import { seedDemo } from '@govdata/demo';
import { PinnedClock } from '@govdata/domain';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';

describe('deadline subjects read as what they are', () => {
  let db: TestDatabase;
  let calendar: CalendarHolder;
  const now = new Date('2026-11-20T10:00:00+08:00');
  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    calendar = await CalendarHolder.load(db.fork());
    await seedDemo(db.fork(), { now, calendar, until: 'sharing' });
  });
  afterAll(() => db.drop());

  it('names share requests, update duties and unknown subjects', async () => {
    const em = db.fork();
    const step = await em.findOneOrFail(Deadline, { subjectType: 'share_request_step' });
    const trigger = await em.findOneOrFail(Deadline, { subjectType: 'update_trigger' });
    const describe = await describeSubjects(em, [
      { subjectType: 'share_request_step', subjectId: step.subjectId },
      { subjectType: 'update_trigger', subjectId: trigger.subjectId },
      { subjectType: 'mystery', subjectId: 7 },
    ]);
    expect(describe('share_request_step', step.subjectId).label).toMatch(/^共享申请 GXSQ-\d{4}-\d{6}「.+」（申请部门：.+）$/);
    expect(describe('share_request_step', step.subjectId).link).toMatch(/^\/share\/requests\/\d+$/);
    expect(describe('update_trigger', trigger.subjectId).label).toMatch(/^目录更新事项「.+」（生效日期 \d{4}-\d{2}-\d{2}）$/);
    expect(describe('mystery', 7)).toEqual({ label: 'mystery #7', link: null });
  });

  it('the sweep writes evidence people can read: the request number, not a table name', async () => {
    await executeJob({ db, clock: new PinnedClock(now), calendar }, 'deadline-sweep', 'manual', 'in-process');
    const late = await db.fork().find(Violation, { type: 2, sourceKind: 'share_request_step' });
    expect(late.length).toBeGreaterThan(0);
    for (const v of late) {
      expect(v.evidence.summary).toMatch(/共享申请 GXSQ-\d{4}-\d{6}「.+」.*的提供部门答复应于 \d{4}-\d{2}-\d{2} 前办结/);
      expect(v.evidence.summary).not.toMatch(/share_request_step/);
    }
  });
});
