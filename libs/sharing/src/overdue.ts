import { shareRequestCode } from '@govdata/domain';
import { activeUsersOf, fromSqlTime, notifyMany, type OverdueHook, type Outgoing, sqlAll } from '@govdata/core';

interface OverdueReplyRow {
  step_id: number;
  request_id: number;
  submitted_at: unknown;
  requester_id: number;
  entry_name: string;
  provider_name: string;
}

/**
 * 第十五条第（二）项: when a provider lets the reply period pass, the sweep records the violation (二) and tells the
 * provider; this hook also tells the requesting department, which is waiting on the answer and may ask the bureau to
 * coordinate. Once per deadline (dedupe key), whichever sweep wins it. Set-based: one query for the batch's requests,
 * one for the requesters' officers, one multi-row insert of notifications.
 */
export const providerReplyOverdue: OverdueHook = async ({ em, now }, deadlines) => {
  const ids = deadlines.map((d) => d.subjectId);
  if (ids.length === 0) return;
  const rows = await sqlAll<OverdueReplyRow>(
    em,
    'select s.id as step_id, r.id as request_id, r.submitted_at, r.requester_id, e.name as entry_name, p.name as provider_name' +
      ' from share_request_steps s join share_requests r on r.id = s.request_id join catalog_entries e on e.id = r.entry_id join departments p on p.id = r.provider_id' +
      ` where s.id in (${ids.map(() => '?').join(', ')})`,
    ids,
  );
  const byStep = new Map(rows.map((r) => [Number(r.step_id), r]));
  // the requester's side as `partyRecipients(…, 'requester')` reads it: its active data officers (and bureau admins)
  const requesters = [...new Set(rows.map((r) => Number(r.requester_id)))];
  const users = await activeUsersOf(em, requesters);
  const officers = new Map<number, number[]>();
  for (const u of users) if (u.roles.some((role) => role === 'dept_admin' || role === 'bureau_admin')) officers.set(u.departmentId, [...(officers.get(u.departmentId) ?? []), u.id]);

  const outgoing: Outgoing[] = deadlines.flatMap((d) => {
    const r = byStep.get(d.subjectId);
    if (!r) return [];
    const requestId = Number(r.request_id);
    const period = `${d.periodN} 个${d.periodUnit === 'working' ? '工作日' : '自然日'}`;
    return [
      {
        recipients: officers.get(Number(r.requester_id)) ?? [],
        input: {
          kind: 'share_request.provider_overdue',
          title: `提供部门逾期未答复：${r.entry_name}`,
          body: `${r.provider_name}未在 ${d.dueDate} 前答复贵部门的共享申请 ${shareRequestCode(requestId, fromSqlTime(r.submitted_at))}「${r.entry_name}」（第十五条第（二）项，${period}）。平台已记录违规线索并督促办理；提供部门答复后将通知贵部门。`,
          link: `/share/requests/${requestId}`,
          subjectType: 'share_request',
          subjectId: requestId,
          dedupeKey: `share_request.provider_overdue:${d.id}`,
        },
      },
    ];
  });
  return { notificationsSent: await notifyMany(em, outgoing, now) };
};
