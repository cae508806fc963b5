import type { EntityManager } from '@mikro-orm/knex';
import { clockRule, DEADLINE_KINDS, violationClause, VIOLATION_TYPE_SPECS, workingDaysLate, type DeadlineKind, type DeadlineKindSpec, type ViolationEvidence } from '@govdata/domain';
import type { CalendarHolder } from '../calendar/calendar';
import { OVERDUE_HOOKS, type OverdueDeadline } from '../deadlines/hooks';
import { describeSubjects } from '../deadlines/subjects';
import { isPostgres } from '../orm/sql';
import { insertSystemAudit, type SystemAuditRow } from './batch-writes';
import { recordFindings, type FindingInput } from '../findings/record';
import { notifyMany, type Outgoing } from '../notifications/notifications';
import { RecipientCache } from '../notifications/recipients';
import { fromSqlTime, placeholders, shanghaiMinute, sqlAll } from '../orm/raw';

export interface SweepContext {
  em: EntityManager;
  now: Date;
  calendar: CalendarHolder;
  log?: (message: string) => void;
}

export interface SweepOptions {
  /** rows per batch; each batch is one transaction */
  batchSize?: number;
  /** only these kinds (the catalog-freshness job re-checks catalog_update this way) */
  kinds?: DeadlineKind[];
  /** who the audit events name: `system:<job>` */
  jobName?: string;
}

export interface SweepSummary {
  /** open rows past due that this sweep looked at */
  scanned: number;
  /** rows this sweep moved open → overdue (a concurrent sweep gets the others) */
  newlyOverdue: number;
  violationsCreated: number;
  /** the bureau's own lapses (compliance review), recorded on its service record */
  serviceRecordEntries: number;
  notificationsSent: number;
  /** department-responsible deadlines without a department: flagged and told to the bureau, no violation possible */
  unassigned: number;
  hooksRun: number;
  batches: number;
}

interface CandidateRow {
  id: number;
  kind: string;
  subject_type: string;
  subject_id: number;
  department_id: number | null;
  due_at: unknown;
  due_date: string;
  period_n: number;
  period_unit: 'working' | 'natural';
  rule_set: string;
}

const EPOCH = new Date(0);

/**
 * The deadline sweep (every 5 minutes): every open deadline whose due instant has passed is marked overdue, the
 * responsible party is told, and the miss is recorded — a 第三十三条 violation of the kind's type for a department,
 * an entry on the bureau's service record for the bureau's own clocks (第十五条 compliance review) — and the kind's
 * overdue hook runs.
 *
 * Cost: the candidates come from the (state, due_at) index in keyset order (due_at, id), so a sweep touches the
 * newly overdue rows only, however many open rows there are. Each batch is one transaction whose first statement is
 * `UPDATE … SET state = 'overdue' WHERE state = 'open' AND id IN (…) RETURNING id`: only the rows this sweep moved
 * are handled, so two sweeps at once (two workers, two API processes) never notify or record twice, and a sweep
 * killed mid-batch leaves that batch open for the next one (nothing half-done).
 */
export async function sweepDeadlines(ctx: SweepContext, options: SweepOptions = {}): Promise<SweepSummary> {
  const batchSize = options.batchSize ?? 500;
  const summary: SweepSummary = { scanned: 0, newlyOverdue: 0, violationsCreated: 0, serviceRecordEntries: 0, notificationsSent: 0, unassigned: 0, hooksRun: 0, batches: 0 };
  const recipients = new RecipientCache();
  let cursor: { dueAt: Date; id: number } = { dueAt: EPOCH, id: 0 };
  for (;;) {
    // a fresh context per batch: nothing a batch loaded (hooks' entities) stays in memory or is flushed again later
    const em = ctx.em.fork();
    const rows = await selectCandidates(em, ctx.now, cursor, batchSize, options.kinds);
    if (rows.length === 0) break;
    const last = rows[rows.length - 1] as CandidateRow;
    cursor = { dueAt: fromSqlTime(last.due_at), id: Number(last.id) };
    summary.scanned += rows.length;
    summary.batches++;
    const departments = rows.filter((r) => r.department_id !== null).map((r) => Number(r.department_id));
    await recipients.prefetch(em, departments, rows.some((r) => r.department_id === null || specOf(r.kind)?.responsible !== 'department'));
    const done = await em.transactional((tx) => handleBatch(tx, ctx, rows, recipients, options.jobName ?? 'deadline-sweep'));
    summary.newlyOverdue += done.newlyOverdue;
    summary.violationsCreated += done.violationsCreated;
    summary.serviceRecordEntries += done.serviceRecordEntries;
    summary.notificationsSent += done.notificationsSent;
    summary.unassigned += done.unassigned;
    summary.hooksRun += done.hooksRun;
    if (rows.length < batchSize) break;
  }
  if (summary.newlyOverdue > 0) ctx.log?.(`${summary.newlyOverdue} 项期限逾期，新增违规 ${summary.violationsCreated} 条、服务记录 ${summary.serviceRecordEntries} 条、通知 ${summary.notificationsSent} 条`);
  return summary;
}

/** The next batch of open deadlines past due, after the cursor, in index order. */
async function selectCandidates(em: EntityManager, now: Date, after: { dueAt: Date; id: number }, limit: number, kinds?: DeadlineKind[]): Promise<CandidateRow[]> {
  const kindFilter = kinds?.length ? ` and kind in (${placeholders(kinds.length)})` : '';
  const sql =
    'select id, kind, subject_type, subject_id, department_id, due_at, due_date, period_n, period_unit, rule_set from deadlines' +
    ` where state = 'open' and due_at < ? and due_at >= ? and (due_at > ? or id > ?)${kindFilter}` +
    ' order by due_at, id limit ?';
  return sqlAll<CandidateRow>(em, sql, [now, after.dueAt, after.dueAt, after.id, ...(kinds ?? []), limit]);
}

const specOf = (kind: string): DeadlineKindSpec | undefined => (DEADLINE_KINDS as Record<string, DeadlineKindSpec>)[kind];

interface BatchResult {
  newlyOverdue: number;
  violationsCreated: number;
  serviceRecordEntries: number;
  notificationsSent: number;
  unassigned: number;
  hooksRun: number;
}

async function handleBatch(tx: EntityManager, ctx: SweepContext, rows: CandidateRow[], recipients: RecipientCache, jobName: string): Promise<BatchResult> {
  const { now } = ctx;
  // the write comes first: on SQLite it takes the write lock (waiting on busy_timeout) before anything is read
  // `+state` keeps SQLite on the primary key: left to itself it reads every open row through the (state, due_at)
  // index to check `state = 'open'`, which makes the update cost grow with the table (PostgreSQL plans it by the ids)
  const state = isPostgres(tx) ? 'state' : '+state';
  const won = await sqlAll<{ id: number }>(
    tx,
    `update deadlines set state = 'overdue', overdue_at = ? where ${state} = 'open' and id in (${placeholders(rows.length)}) returning id`,
    [now, ...rows.map((r) => Number(r.id))],
  );
  const wonIds = new Set(won.map((r) => Number(r.id)));
  const mine = rows.filter((r) => wonIds.has(Number(r.id)));

  const findings: FindingInput[] = [];
  const outgoing: Outgoing[] = [];
  const auditRows: SystemAuditRow[] = [];
  let unassigned = 0;
  const describe = await describeSubjects(tx, mine.map((r) => ({ subjectType: r.subject_type, subjectId: Number(r.subject_id) })));
  for (const r of mine) {
    const spec = specOf(r.kind);
    // the clock's own rule set says which clause it rests on and what a miss records (a later switch changes nothing)
    const rule = clockRule(r.kind, r.rule_set);
    const dueAt = fromSqlTime(r.due_at);
    const late = workingDaysLate(ctx.calendar.lenient, r.due_date, now);
    const label = spec?.label ?? r.kind;
    const article = rule?.article ?? '';
    const subject = describe(r.subject_type, Number(r.subject_id));
    const what = `${subject.label}的${label}`;
    const evidence: ViolationEvidence = {
      summary: `${what}应于 ${r.due_date} 前办结${article ? `（${article}）` : ''}，至 ${shanghaiMinute(now)} 仍未办结${late > 0 ? `，已逾期 ${late} 个工作日` : ''}`,
      dueAt: dueAt.toISOString(),
      completedAt: null,
      observedAt: now.toISOString(),
      workingDaysLate: late,
      article,
      details: { deadlineId: Number(r.id), kind: r.kind, dueDate: r.due_date, subjectType: r.subject_type, subjectId: Number(r.subject_id), ...subject.refs },
    };
    const departmentId = r.department_id === null ? null : Number(r.department_id);
    const link = subject.link ?? `/deadlines/${r.id}`;
    const source = { kind: r.subject_type, id: String(r.subject_id) };
    const about = { subjectType: 'deadline', subjectId: r.id, link };
    let recorded: Record<string, unknown>;
    const violationType = rule?.violationType ?? null;
    if (violationType !== null && departmentId !== null) {
      recorded = { violationType };
      findings.push({
        source,
        violation: { type: violationType, departmentId },
        evidence,
        auditContext: { deadlineId: Number(r.id) },
        notify: {
          kind: 'deadline.overdue',
          title: `【已逾期】${label}`,
          body: `贵部门的${what}应于 ${r.due_date} 前办结（${article}），现已逾期。平台已按${violationClause(violationType)}（${VIOLATION_TYPE_SPECS[violationType].short}）记录违规线索，待平台管理员确认。请尽快办理。`,
          alsoTell: subject.actsFor,
          ...about,
        },
      });
    } else if (rule && violationType === null && spec?.responsible === 'bureau') {
      recorded = { serviceRecord: r.kind };
      findings.push({
        source,
        serviceRecord: { kind: r.kind, article },
        evidence,
        auditContext: { deadlineId: Number(r.id) },
        notify: { kind: 'deadline.overdue', title: `【已逾期】${label}`, body: `${what}应于 ${r.due_date} 前完成（${article}），现已逾期，已记入本局服务记录。请尽快办理。`, ...about },
      });
    } else {
      // a department's clock stored without its department (or of an unregistered kind): nobody to record it against
      unassigned++;
      recorded = { unassigned: true };
      outgoing.push({
        recipients: recipients.bureau(),
        input: { kind: 'deadline.overdue', title: `【已逾期·未指定责任部门】${label}`, body: `${what}已逾期，但未登记责任部门，无法记录违规。请核实并指定责任部门。`, dedupeKey: `deadline.overdue:${r.id}`, ...about },
      });
    }
    auditRows.push({ action: 'deadline.overdue', subjectType: 'deadline', subjectId: r.id, before: { state: 'open' }, after: { state: 'overdue', overdueAt: now.toISOString(), ...recorded } });
  }

  const recorded = await recordFindings(tx, findings, { job: jobName }, now, { recipients });
  let notificationsSent = recorded.notificationsSent + (await notifyMany(tx, outgoing, now));
  await insertSystemAudit(tx, jobName, auditRows, now);
  const { violationsCreated, serviceRecordEntries } = recorded;

  // each kind's hook once for all of its deadlines in this batch
  let hooksRun = 0;
  const byKind = new Map<DeadlineKind, OverdueDeadline[]>();
  for (const r of mine) {
    if (!OVERDUE_HOOKS[r.kind as DeadlineKind]) continue;
    const list = byKind.get(r.kind as DeadlineKind) ?? [];
    list.push({
      id: Number(r.id),
      kind: r.kind as DeadlineKind,
      subjectType: r.subject_type,
      subjectId: Number(r.subject_id),
      departmentId: r.department_id === null ? null : Number(r.department_id),
      dueAt: fromSqlTime(r.due_at),
      dueDate: r.due_date,
      periodN: Number(r.period_n),
      periodUnit: r.period_unit,
    });
    byKind.set(r.kind as DeadlineKind, list);
  }
  for (const [kind, deadlines] of byKind) {
    const res = await OVERDUE_HOOKS[kind]?.({ em: tx, now, calendar: ctx.calendar }, deadlines);
    notificationsSent += res?.notificationsSent ?? 0;
    hooksRun += deadlines.length;
  }
  return { newlyOverdue: mine.length, violationsCreated, serviceRecordEntries, notificationsSent, unassigned, hooksRun };
}
