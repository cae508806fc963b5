import { clockRule, DEADLINE_KINDS, standing, type DeadlineKindSpec } from '@govdata/domain';
import { endOfShanghaiDay, shanghaiDate } from '@govdata/workdays';
import { notifyMany, type Outgoing } from '../notifications/notifications';
import type { SweepContext } from './deadline-sweep';
import { RecipientCache, withActors } from '../notifications/recipients';
import { fromSqlTime, sqlAll } from '../orm/raw';
import { describeSubjects } from '../deadlines/subjects';

export interface ReminderSummary {
  scanned: number;
  notificationsSent: number;
}

interface DueRow {
  id: number;
  kind: string;
  subject_type: string;
  subject_id: number;
  department_id: number | null;
  responsible: string;
  due_at: unknown;
  due_date: string;
  rule_set: string;
}

/**
 * Due-soon reminders (08:30 on working days): every open deadline that ends today or on the next working day gets
 * one notification per recipient per day — the responsible department's data officers, or the bureau's admins for
 * the bureau's own clocks. The dedupe key carries the date, so a second run the same day sends nothing new.
 * Reads the (state, due_at) index range [now, end of the next working day] in keyset order.
 */
export async function remindDueSoon(ctx: SweepContext, options: { batchSize?: number } = {}): Promise<ReminderSummary> {
  const { em, now } = ctx;
  const batchSize = options.batchSize ?? 500;
  const today = shanghaiDate(now);
  const horizon = endOfShanghaiDay(ctx.calendar.lenient.addWorkingDays(today, 1));
  const recipients = new RecipientCache();
  const summary: ReminderSummary = { scanned: 0, notificationsSent: 0 };
  let cursor = { dueAt: now, id: 0 };
  for (;;) {
    const rows = await sqlAll<DueRow>(
      em,
      'select id, kind, subject_type, subject_id, department_id, responsible, due_at, due_date, rule_set from deadlines' +
        " where state = 'open' and due_at <= ? and due_at >= ? and (due_at > ? or id > ?) order by due_at, id limit ?",
      [horizon, cursor.dueAt, cursor.dueAt, cursor.id, batchSize],
    );
    if (rows.length === 0) break;
    const last = rows[rows.length - 1] as DueRow;
    cursor = { dueAt: fromSqlTime(last.due_at), id: Number(last.id) };
    summary.scanned += rows.length;
    const toBureau = (r: DueRow) => r.responsible === 'bureau' || r.department_id === null;
    await recipients.prefetch(
      em,
      rows.filter((r) => !toBureau(r)).map((r) => Number(r.department_id)),
      rows.some(toBureau),
    );
    const describe = await describeSubjects(em, rows.map((r) => ({ subjectType: r.subject_type, subjectId: Number(r.subject_id) })));
    const outgoing: Outgoing[] = rows.map((r) => {
      const subject = describe(r.subject_type, Number(r.subject_id));
      const spec = (DEADLINE_KINDS as Record<string, DeadlineKindSpec>)[r.kind];
      const rule = clockRule(r.kind, r.rule_set);
      const label = spec?.label ?? r.kind;
      // the same words as every view: 今日 / 明日 24:00 到期, else the due day at 24:00
      const s = standing(ctx.calendar.lenient, { dueAt: fromSqlTime(r.due_at), dueDate: r.due_date }, now);
      const when = s.dueToday ? '今日 24:00 ' : s.dueTomorrow ? '明日 24:00 ' : ` ${s.dueText} `;
      return {
        recipients: toBureau(r) ? recipients.bureau() : withActors(recipients.department(Number(r.department_id)), subject.actsFor),
        input: {
          kind: 'deadline.due_soon',
          title: `【即将到期】${label}`,
          body: `${subject.label}的${label}将于${when}到期${rule ? `（${rule.article}）` : ''}，请按时办理，逾期将${rule?.violationType ? '记录违规线索' : '记入服务记录'}。`,
          link: subject.link ?? `/deadlines/${r.id}`,
          subjectType: 'deadline',
          subjectId: r.id,
          dedupeKey: `deadline.due_soon:${r.id}:${today}`,
        },
      };
    });
    summary.notificationsSent += await em.transactional((tx) => notifyMany(tx, outgoing, now));
    if (rows.length < batchSize) break;
  }
  return summary;
}
