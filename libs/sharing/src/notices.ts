import { SHARE_EVENT_LABELS, shareRequestCode, type ShareEvent, type ShareParty } from '@govdata/domain';
import type { IShareRequest } from './entities/share-request.entity';
import { notify } from '@govdata/core';
import { partyRecipients, type ShareContext } from './common';

export interface NoticeFacts {
  /** the due day of the step that just started, if any */
  dueDate?: string | null;
  /** the clause and period of that step's clock: 第十五条第（二）项，5 个工作日 */
  clause?: string | null;
  reason?: string | null;
  validUntil?: string | null;
}

const shanghai = (d: string | null | undefined) => d ?? '—';

/** What each side reads in its inbox after an event. */
export function eventNotice(event: ShareEvent, party: ShareParty, r: IShareRequest, facts: NoticeFacts): { title: string; body: string } {
  const code = shareRequestCode(r.id, r.submittedAt);
  const entry = `「${r.entry.getEntity().name}」`;
  const requester = r.requester.getEntity().name;
  const provider = r.provider.getEntity().name;
  const reason = facts.reason ? `意见：${facts.reason}` : '';
  switch (event) {
    case 'submit':
    case 'resubmit':
      return {
        title: `共享申请待符合性审查：${r.entry.getEntity().name}`,
        body: `${requester}申请使用${provider}的${entry}（${code}${event === 'resubmit' ? '，修改后重新提交' : ''}），请于 ${shanghai(facts.dueDate)} 前完成符合性审查${facts.clause ? `（${facts.clause}）` : ''}。`,
      };
    case 'pass_conditional':
      return party === 'provider'
        ? { title: `共享申请待答复：${r.entry.getEntity().name}`, body: `${requester}申请使用本部门${entry}（${code}），已通过符合性审查，请于 ${shanghai(facts.dueDate)} 前答复${facts.clause ? `（${facts.clause}）` : ''}。驳回须说明理由和依据。` }
        : { title: `共享申请已转提供部门：${r.entry.getEntity().name}`, body: `申请 ${code} 已通过符合性审查，转${provider}审核，答复期限 ${shanghai(facts.dueDate)}。` };
    case 'pass_unconditional':
    case 'approve':
    case 'coordinate_approve':
      return party === 'requester'
        ? { title: `共享申请已同意：${r.entry.getEntity().name}`, body: `申请 ${code}（${entry}）已同意，可按答复意见使用，授权有效期至 ${shanghai(facts.validUntil)}。${reason}` }
        : { title: `已开通共享：${r.entry.getEntity().name}`, body: `${requester}获准使用本部门${entry}（${code}，${SHARE_EVENT_LABELS[event]}），授权有效期至 ${shanghai(facts.validUntil)}。${reason}` };
    case 'return':
      return { title: `共享申请被退回修改：${r.entry.getEntity().name}`, body: `申请 ${code} 未通过符合性审查，请按意见修改后重新提交。${reason}` };
    case 'reject':
      return { title: `共享申请被驳回：${r.entry.getEntity().name}`, body: `${provider}驳回了申请 ${code}。${reason}。如确因履职需要，可与提供部门协商（第十五条第（三）项）。` };
    case 'open_negotiation':
      return { title: `收到协商请求：${r.entry.getEntity().name}`, body: `${requester}就被驳回的申请 ${code} 发起协商，请在协商记录中回复。` };
    case 'message':
      return { title: `协商留言：${r.entry.getEntity().name}`, body: `申请 ${code} 有新的协商留言。` };
    case 'escalate':
    case 'request_coordination':
      return party === 'bureau'
        ? { title: `申请协调：${r.entry.getEntity().name}`, body: `${requester}与${provider}就${entry}（${code}）协商未果，提请政务信息管理局协调（第十五条第（三）项）。${reason}` }
        : { title: `已提请协调：${r.entry.getEntity().name}`, body: `申请 ${code} 已提请政务信息管理局协调，协调决定为最终决定。` };
    case 'coordinate_refuse':
      return { title: `协调决定不予共享：${r.entry.getEntity().name}`, body: `政务信息管理局对申请 ${code} 作出协调决定：不予共享。${reason}` };
    case 'withdraw':
      return { title: `共享申请已撤回：${r.entry.getEntity().name}`, body: `${requester}撤回了申请 ${code}。${reason}` };
  }
}

/** Tells the parties named by the transition, never the actor. */
export async function notifyParties(ctx: ShareContext, r: IShareRequest, event: ShareEvent, parties: readonly ShareParty[], facts: NoticeFacts): Promise<void> {
  for (const party of parties) {
    const recipients = (await partyRecipients(ctx.em, r, party)).filter((id) => id !== ctx.actor.userId);
    const text = eventNotice(event, party, r, facts);
    await notify(ctx.em, recipients, { kind: `share_request.${event}`, ...text, link: `/share/requests/${r.id}`, subjectType: 'share_request', subjectId: r.id }, ctx.now);
  }
}
