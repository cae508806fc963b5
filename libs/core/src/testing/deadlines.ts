import type { EntityManager } from '@mikro-orm/knex';
import { DEADLINE_KINDS, DEFAULT_RULE_SET, type DeadlineKind } from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { Deadline, type IDeadline } from '../entities/deadline.entity';
import { Department } from '../entities/department.entity';

export interface DeadlineFixture {
  kind: DeadlineKind;
  /** the department that must act; null for the bureau's own clocks */
  departmentId: number | null;
  dueAt: Date;
  subjectType?: string;
  subjectId?: number;
}

let nextSubject = 1;

/**
 * Stores deadlines with a given due instant (the sweep tests need rows already past due; the areas open theirs with
 * `openDeadline`). Subjects get distinct ids unless given.
 */
export async function addDeadlines(em: EntityManager, rows: DeadlineFixture[], now: Date): Promise<IDeadline[]> {
  const made = rows.map((r) => {
    const spec = DEADLINE_KINDS[r.kind];
    const period = DEFAULT_RULE_SET.kinds[r.kind].period;
    return em.create(Deadline, {
      kind: r.kind,
      subjectType: r.subjectType ?? `test_${r.kind}`,
      subjectId: r.subjectId ?? nextSubject++,
      department: r.departmentId,
      responsible: spec.responsible,
      startedAt: new Date(r.dueAt.getTime() - 7 * 86_400_000),
      dueAt: r.dueAt,
      dueDate: shanghaiDate(r.dueAt),
      periodN: period?.n ?? 10,
      periodUnit: period?.unit ?? 'working',
      provisional: false,
      state: 'open',
      completedAt: null,
      overdueAt: null,
      createdAt: now,
    });
  });
  await em.flush();
  return made;
}

/** The demo department id of a name, e.g. 朔州市公安局. */
export async function departmentId(em: EntityManager, name: string): Promise<number> {
  return (await em.findOneOrFail(Department, { name })).id;
}
