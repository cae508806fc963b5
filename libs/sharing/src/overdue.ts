import { shareRequestCode } from '@govdata/domain';
import { notify, type OverdueHook } from '@govdata/core';
import { ShareRequestStep } from './entities/share-request.entity';
import { partyRecipients } from './common';

/**
 * 第十五条第（二）项: when a provider lets the 5-working-day reply pass, the sweep records the violation (二) and tells
 * the provider; this hook also tells the requesting department, which is waiting on the answer and may ask the
 * bureau to coordinate. Once per deadline (dedupe key), whichever sweep wins it.
 */
export const providerReplyOverdue: OverdueHook = async ({ em, now }, deadline) => {
  const step = await em.findOne(ShareRequestStep, deadline.subjectId, { populate: ['request', 'request.entry', 'request.provider'] });
  if (!step) return;
  const r = step.request.getEntity();
  const entry = r.entry.getEntity().name;
  const notificationsSent = await notify(
    em,
    await partyRecipients(em, r, 'requester'),
    {
      kind: 'share_request.provider_overdue',
      title: `提供部门逾期未答复：${entry}`,
      body: `${r.provider.getEntity().name}未在 ${deadline.dueDate} 前答复贵部门的共享申请 ${shareRequestCode(r.id, r.submittedAt)}「${entry}」（第十五条第（二）项，5 个工作日）。平台已记录违规线索并督促办理；提供部门答复后将通知贵部门。`,
      link: `/share/requests/${r.id}`,
      subjectType: 'share_request',
      subjectId: r.id,
      dedupeKey: `share_request.provider_overdue:${deadline.id}`,
    },
    now,
  );
  return { notificationsSent };
};
