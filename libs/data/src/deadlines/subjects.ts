import type { EntityManager } from '@mikro-orm/knex';
import { shareRequestCode } from '@govdata/domain';
import { CatalogUpdateTrigger, Notice, ShareAgent, ShareRequestStep } from '../entities';

/** How a deadline's subject reads to people: a sentence fragment and the page that shows it. */
export interface SubjectDescription {
  /** e.g. 共享申请 GXSQ-2026-003140「网信政府信息公开信息」 */
  label: string;
  /** SPA route, e.g. /share/requests/3140; null when the subject has no page */
  link: string | null;
  /**
   * Users outside the responsible department's officers who act for it on this subject and so must hear of its
   * deadline too: a provider's review agents (第十六条(一)) for the provider's reply to a request.
   */
  actsFor?: number[];
}

/** Describes many subjects of one type at once (the sweep works in batches). */
export type SubjectDescriber = (em: EntityManager, ids: number[]) => Promise<Map<number, SubjectDescription>>;

const DESCRIBERS = new Map<string, SubjectDescriber>([
  // a step's clock reads as its request: 共享申请 GXSQ-2026-003140「网信政府信息公开信息」（申请部门：…）
  [
    'share_request_step',
    async (em, ids) => {
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
            s.kind === 'provider_reply'
              ? agents.filter((a) => a.provider.id === r.provider.id && (a.entry === null || a.entry?.id === r.entry.id)).map((a) => a.user.id)
              : [];
          return [s.id, { label, link: `/share/requests/${r.id}`, actsFor }];
        }),
      );
    },
  ],
  // 第七条 update duty: 目录更新事项「《…》修订」（生效日期 …）
  [
    'update_trigger',
    async (em, ids) => {
      const triggers = await em.find(CatalogUpdateTrigger, { id: { $in: ids } });
      return new Map(triggers.map((t) => [t.id, { label: `目录更新事项「${t.reference}」（生效日期 ${t.effectiveDate}）`, link: '/catalog/update-triggers' }]));
    },
  ],
  // 书面通报 朔政数通〔2026〕3号「关于……的通报」
  [
    'notice',
    async (em, ids) => {
      const notices = await em.find(Notice, { id: { $in: ids } });
      return new Map(notices.map((n) => [n.id, { label: `书面通报${n.number ? ` ${n.number}` : ''}「${n.title}」`, link: `/notices/${n.id}` }]));
    },
  ],
]);

/** A later area teaches the jobs how its deadline subjects read (correction feedback, open-data applications …). */
export function registerSubjectDescriber(subjectType: string, describe: SubjectDescriber): void {
  DESCRIBERS.set(subjectType, describe);
}

/**
 * Labels for the subjects of a batch of deadlines, for evidence and notifications. Subjects of a type nobody
 * registered, or no longer found, read as "<type> #<id>" — never a failure.
 */
export async function describeSubjects(em: EntityManager, subjects: { subjectType: string; subjectId: number }[]): Promise<(subjectType: string, subjectId: number) => SubjectDescription> {
  const byType = new Map<string, Set<number>>();
  for (const s of subjects) {
    const ids = byType.get(s.subjectType) ?? new Set<number>();
    ids.add(s.subjectId);
    byType.set(s.subjectType, ids);
  }
  const found = new Map<string, Map<number, SubjectDescription>>();
  for (const [type, ids] of byType) {
    const describe = DESCRIBERS.get(type);
    if (describe) found.set(type, await describe(em, [...ids]));
  }
  return (subjectType, subjectId) => found.get(subjectType)?.get(subjectId) ?? { label: `${subjectType} #${subjectId}`, link: null };
}
