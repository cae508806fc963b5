import type { EntityManager } from '@mikro-orm/knex';
import { consoleLinks, correctionCode } from '@govdata/domain';
import { fromSqlTime, notifyMany, sqlAll, User, type OverdueHook, type Outgoing, type SubjectDescription } from '@govdata/core';

interface CorrectionRow {
  id: number;
  received_at: unknown;
  reporter_id: number | null;
  reported_by_id: number | null;
  reported_by_name: string;
  entry_name: string;
  provider_name: string;
  /** null: a portal user reported */
  reporter_name: string | null;
}

async function correctionRows(em: EntityManager, ids: number[]): Promise<CorrectionRow[]> {
  if (ids.length === 0) return [];
  return sqlAll<CorrectionRow>(
    em,
    'select c.id, c.received_at, c.reporter_id, c.reported_by_id, c.reported_by_name, e.name as entry_name, p.name as provider_name, r.name as reporter_name' +
      ' from corrections c join catalog_entries e on e.id = c.entry_id join departments p on p.id = c.provider_id left join departments r on r.id = c.reporter_id' +
      ` where c.id in (${ids.map(() => '?').join(', ')})`,
    ids,
  );
}

/**
 * 第十七条: when the provider lets the 5 working days pass, the sweep records (五) through the findings door and tells
 * the provider; this hook tells the reporter, who is waiting on the check. Set-based: one read of the batch's
 * reports, one of the reporters' officers, one multi-row insert; once per deadline (dedupe key).
 */
export const correctionOverdue: OverdueHook = async ({ em, now }, deadlines) => {
  const rows = await correctionRows(em, deadlines.map((d) => d.subjectId));
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  // a portal user has no console inbox: its report's status shows under 我的账户 on the portal
  const reporters = [...new Set(rows.filter((r) => r.reporter_id != null).map((r) => Number(r.reporter_id)))];
  const users = reporters.length ? await em.find(User, { department: { $in: reporters }, disabled: false }, { fields: ['id', 'roles', 'department'] }) : [];
  const officers = new Map<number, number[]>();
  for (const u of users) if (u.roles.includes('dept_admin')) officers.set(u.department.id, [...(officers.get(u.department.id) ?? []), u.id]);
  const outgoing: Outgoing[] = deadlines.flatMap((d) => {
    const r = byId.get(d.subjectId);
    if (!r || r.reporter_id == null) return [];
    const id = Number(r.id);
    const period = `${d.periodN} 个${d.periodUnit === 'working' ? '工作日' : '自然日'}`;
    const recipients = [...(officers.get(Number(r.reporter_id)) ?? []), ...(r.reported_by_id ? [Number(r.reported_by_id)] : [])];
    return [
      {
        recipients,
        input: {
          kind: 'correction.provider_overdue',
          title: `提供部门逾期未校核：${r.entry_name}`,
          body: `${r.provider_name}未在 ${d.dueDate} 前校核贵部门的纠错反馈 ${correctionCode(id, fromSqlTime(r.received_at))}「${r.entry_name}」（第十七条，${period}）。平台已记录违规线索（第三十三条第（五）项）并督促办理；答复后将通知贵部门。`,
          link: consoleLinks.correction(id),
          subjectType: 'correction',
          subjectId: id,
          dedupeKey: `correction.provider_overdue:${d.id}`,
        },
      },
    ];
  });
  return { notificationsSent: await notifyMany(em, outgoing, now) };
};

/** A report's clock reads as the report: 纠错反馈 JCFK-2026-000012「居民身份证信息」（反馈部门：…）. */
export async function describeCorrections(em: EntityManager, ids: number[]): Promise<Map<number, SubjectDescription>> {
  const rows = await correctionRows(em, ids);
  return new Map(
    rows.map((r) => {
      const id = Number(r.id);
      return [id, { label: `纠错反馈 ${correctionCode(id, fromSqlTime(r.received_at))}「${r.entry_name}」（${r.reporter_name ? `反馈部门：${r.reporter_name}` : `开放门户用户：${r.reported_by_name}`}）`, link: consoleLinks.correction(id), refs: { correctionId: id } }];
    }),
  );
}
