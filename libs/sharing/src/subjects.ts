import type { EntityManager } from '@mikro-orm/knex';
import { shareRequestCode } from '@govdata/domain';
import type { SubjectDescription } from '@govdata/core';
import { ShareAgent } from './entities/share-grant.entity';
import { ShareRequestStep } from './entities/share-request.entity';

/**
 * A step's clock reads as its request: 共享申请 GXSQ-2026-003140「网信政府信息公开信息」（申请部门：…）. The provider's
 * review agents (第十六条(一)) act for it on its reply, so they hear of that clock too.
 */
export async function describeShareSteps(em: EntityManager, ids: number[]): Promise<Map<number, SubjectDescription>> {
  const steps = await em.find(ShareRequestStep, { id: { $in: ids } }, { populate: ['request', 'request.entry', 'request.requester'] });
  // the provider's agents for these requests' entries (all entries, or the entry named), fetched once per batch
  const replies = steps.filter((s) => s.kind === 'provider_reply');
  const providers = [...new Set(replies.map((s) => s.request.getEntity().provider.id))];
  const agents = providers.length ? await em.find(ShareAgent, { provider: { $in: providers }, user: { disabled: false } }, { fields: ['provider', 'user', 'entry'] }) : [];
  return new Map(
    steps.map((s) => {
      const r = s.request.getEntity();
      const label = `共享申请 ${shareRequestCode(r.id, r.submittedAt)}「${r.entry.getEntity().name}」（申请部门：${r.requester.getEntity().name}）`;
      const actsFor =
        s.kind === 'provider_reply' ? agents.filter((a) => a.provider.id === r.provider.id && (a.entry === null || a.entry?.id === r.entry.id)).map((a) => a.user.id) : [];
      return [s.id, { label, link: `/share/requests/${r.id}`, actsFor }];
    }),
  );
}
