import type { EntityManager } from '@mikro-orm/knex';
import { REVISION_STATUS_LABELS, type RevisionDto } from '@govdata/analytics';
import { hasRole, type Actor } from '@govdata/domain';
import { AssessmentRevision, type IAssessmentRevision } from './entities/assessment-revision.entity';
import { User } from '@govdata/core';

/** Who sees drafts and every department's breakdown: the bureau and the leadership group (第四条、第三十条). */
export const seesAllAssessments = (actor: Actor | null): boolean => actor !== null && hasRole(actor, 'bureau_admin', 'leader');

export async function revisionDtos(em: EntityManager, revisions: IAssessmentRevision[]): Promise<RevisionDto[]> {
  const ids = [...new Set(revisions.flatMap((r) => [r.computedBy?.id, r.publishedBy?.id]).filter((x): x is number => x != null))];
  const users = new Map((ids.length ? await em.find(User, { id: { $in: ids } }, { fields: ['id', 'displayName'] }) : []).map((u) => [u.id, u]));
  const who = (id: number | undefined) => {
    const u = id == null ? undefined : users.get(id);
    return u ? { id: u.id, displayName: u.displayName } : null;
  };
  return revisions.map((r) => ({
    year: r.year,
    number: r.number,
    status: r.status,
    statusLabel: REVISION_STATUS_LABELS[r.status],
    reason: r.reason ?? null,
    asOf: r.asOf,
    computedAt: r.computedAt.toISOString(),
    computedBy: who(r.computedBy?.id),
    publishedAt: r.publishedAt?.toISOString() ?? null,
    publishedBy: who(r.publishedBy?.id),
    departmentCount: r.departmentCount,
  }));
}

export async function revisionDto(em: EntityManager, revision: IAssessmentRevision): Promise<RevisionDto> {
  return (await revisionDtos(em, [revision]))[0];
}

/** The year's latest revision (any status), or null. */
export function latestRevision(em: EntityManager, year: number): Promise<IAssessmentRevision | null> {
  return em.findOne(AssessmentRevision, { year }, { orderBy: { number: 'desc' } });
}

/** The year's revision currently published (at most one), or null. */
export function publishedRevision(em: EntityManager, year: number): Promise<IAssessmentRevision | null> {
  return em.findOne(AssessmentRevision, { year, status: 'published' });
}

/** Whether results of the year were ever published: the scheme is then fixed (第三十条). */
export async function hasPublication(em: EntityManager, year: number): Promise<boolean> {
  return (await em.count(AssessmentRevision, { year, status: { $in: ['published', 'superseded'] } })) > 0;
}
