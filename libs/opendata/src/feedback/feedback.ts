import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import {
  ConflictError,
  isBureau,
  NotFoundError,
  type Actor,
  type DatasetFeedbackDto,
  type Page,
  type RateDatasetInput,
  type ReviewShowcaseInput,
  type ShowcaseDto,
  type ShowcaseQuery,
  type SubmitShowcaseInput,
  ForbiddenError,
} from '@govdata/domain';
import { audit, sqlAll, sqlRun } from '@govdata/core';
import { OpenRating, OpenShowcase, type IOpenShowcase } from '../entities/open-feedback.entity';
import { PublicUser } from '../entities/public-account.entity';
import { publicActorName, type PublicAuthenticated } from '../accounts/accounts';

/** The id, title and catalog entry of a dataset the public may see, or 404. */
export async function visibleDataset(em: EntityManager, name: string): Promise<{ id: number; title: string; entryId: number }> {
  const [row] = await sqlAll<{ id: number; title: string; entry_id: number }>(
    em,
    "select d.id, e.name as title, d.entry_id from open_datasets d join catalog_entries e on e.id = d.entry_id where d.name = ? and d.withdrawn_at is null and e.status = 'published' and e.open_type in ('open', 'on_application')",
    [name],
  );
  if (!row) throw new NotFoundError(`开放数据集 ${name} 不存在或已撤回`, 'opendata.not_found');
  return { id: Number(row.id), title: row.title, entryId: Number(row.entry_id) };
}

/** 评分: one per user and dataset — an upsert, so rating again changes it (and two tabs cannot make two). */
export async function rateDataset(em: EntityManager, auth: PublicAuthenticated, name: string, input: RateDatasetInput, now: Date): Promise<DatasetFeedbackDto> {
  const d = await visibleDataset(em, name);
  await sqlRun(em, 'insert into open_ratings (dataset_id, user_id, score, rated_at) values (?, ?, ?, ?) on conflict (dataset_id, user_id) do update set score = excluded.score, rated_at = excluded.rated_at', [d.id, auth.userId, input.score, now]);
  return datasetFeedback(em, name, auth);
}

/** 登记利用成果: waits for the bureau's review before the portal shows it. */
export async function submitShowcase(em: EntityManager, auth: PublicAuthenticated, name: string, input: SubmitShowcaseInput, now: Date): Promise<ShowcaseDto> {
  const d = await visibleDataset(em, name);
  if ((await em.count(OpenShowcase, { author: auth.userId, status: 'pending' })) >= 10) throw new ConflictError('您已有 10 项待审核的利用成果，请等待审核后再登记', 'showcase.too_many_pending');
  const user = await em.findOneOrFail(PublicUser, auth.userId);
  const s = em.create(OpenShowcase, { dataset: d.id, author: user, title: input.title, kind: input.kind, description: input.description, url: input.url ?? null, status: 'pending', submittedAt: now, reviewedAt: null, reviewedBy: null, reason: null });
  await em.flush();
  audit(em, { actor: null, systemName: publicActorName(user), action: 'showcase.submit', subjectType: 'open_showcase', subjectId: s.id, after: { dataset: name, title: s.title, kind: s.kind }, at: now });
  return (await showcaseDtos(em, [s]))[0] as ShowcaseDto;
}

/** The portal's feedback block of a dataset: average and own rating, approved 利用成果, the user's own submissions. */
export async function datasetFeedback(em: EntityManager, name: string, auth: PublicAuthenticated | null): Promise<DatasetFeedbackDto> {
  const d = await visibleDataset(em, name);
  const [[agg], mine, shown, own] = await Promise.all([
    sqlAll<{ n: number | string; avg: number | string | null }>(em, 'select count(*) as n, avg(score) as avg from open_ratings where dataset_id = ?', [d.id]),
    auth ? em.findOne(OpenRating, { dataset: d.id, user: auth.userId }) : null,
    em.find(OpenShowcase, { dataset: d.id, status: 'approved' }, { orderBy: { reviewedAt: 'desc', id: 'desc' }, limit: 50 }),
    auth ? em.find(OpenShowcase, { dataset: d.id, author: auth.userId }, { orderBy: { id: 'desc' } }) : [],
  ]);
  const count = Number(agg?.n ?? 0);
  return {
    rating: { average: count ? Math.round(Number(agg?.avg) * 10) / 10 : null, count, mine: mine?.score ?? null },
    showcases: await showcaseDtos(em, shown),
    mine: await showcaseDtos(em, own),
  };
}

/** The bureau's queue of 利用成果 (pending first), read by the bureau and the leaders. */
export async function listShowcases(em: EntityManager, query: ShowcaseQuery): Promise<Page<ShowcaseDto>> {
  const [rows, total] = await em.findAndCount(OpenShowcase, query.status ? { status: query.status } : {}, { orderBy: { [raw((a) => `case when ${a}.status = 'pending' then 0 else 1 end`)]: 'asc', submittedAt: 'desc', id: 'desc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items: await showcaseDtos(em, rows), total, page: query.page, pageSize: query.pageSize };
}

/** 审核: the bureau shows a 利用成果 on the portal, or declines with a reason; once. */
export async function reviewShowcase(em: EntityManager, actor: Actor, id: number, input: ReviewShowcaseInput, now: Date): Promise<ShowcaseDto> {
  if (!isBureau(actor)) throw new ForbiddenError('利用成果由政务信息管理局审核', 'showcase.bureau_only');
  const s = await em.findOne(OpenShowcase, id);
  if (!s) throw new NotFoundError(`利用成果 ${id} 不存在`, 'showcase.not_found');
  if (s.status !== 'pending') throw new ConflictError('该利用成果已审核', 'showcase.reviewed');
  s.status = input.decision === 'approve' ? 'approved' : 'rejected';
  s.reason = input.decision === 'reject' ? input.reason : null;
  s.reviewedAt = now;
  s.reviewedBy = em.getReference('User', actor.userId) as never;
  audit(em, { actor, action: input.decision === 'approve' ? 'showcase.approve' : 'showcase.reject', subjectType: 'open_showcase', subjectId: s.id, before: { status: 'pending' }, after: { status: s.status, reason: s.reason }, at: now });
  await em.flush();
  return (await showcaseDtos(em, [s]))[0] as ShowcaseDto;
}

async function showcaseDtos(em: EntityManager, rows: IOpenShowcase[]): Promise<ShowcaseDto[]> {
  if (!rows.length) return [];
  await em.populate(rows, ['dataset.entry', 'author']);
  return rows.map((s) => {
    const u = s.author.getEntity();
    const d = s.dataset.getEntity();
    return {
      id: s.id,
      dataset: { name: d.name, title: d.entry.getEntity().name },
      title: s.title,
      kind: s.kind,
      description: s.description,
      url: s.url ?? null,
      author: { kind: u.kind, name: u.organisationName ?? u.displayName },
      status: s.status,
      submittedAt: s.submittedAt.toISOString(),
      reviewedAt: s.reviewedAt?.toISOString() ?? null,
      reason: s.reason ?? null,
    };
  });
}
