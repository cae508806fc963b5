import type { EntityManager } from '@mikro-orm/knex';
import type { RevisionDto } from '@govdata/analytics';
import { ConflictError, NotFoundError, RuleViolationError, type Actor } from '@govdata/domain';
import { audit, departmentRecipients, notify } from '@govdata/core';
import { AssessmentComputation } from './entities/assessment-computation.entity';
import { AssessmentResult, AssessmentRevision } from './entities/assessment-revision.entity';
import { latestRevision, revisionDto } from './revisions';

/**
 * 第三十条: publishes the year's latest draft revision. The revision published before it (if any) becomes
 * `superseded`; nothing else of a published or superseded revision ever changes (the service only touches drafts,
 * and the database triggers of the `assessment` migration refuse anything else). Each assessed department's data
 * officers are told that the results are out.
 */
export async function publishRevision(em: EntityManager, actor: Actor, year: number, number: number, now: Date): Promise<RevisionDto> {
  const revision = await em.findOne(AssessmentRevision, { year, number });
  if (!revision) throw new NotFoundError(`${year} 年度没有第 ${number} 次修订的考核结果`, 'assessment.revision_not_found');
  if (revision.status !== 'draft') throw new ConflictError(`${year} 年度第 ${number} 次修订已${revision.status === 'published' ? '公布' : '被取代'}，不能再次公布`, 'assessment.not_draft');
  const latest = await latestRevision(em, year);
  if (latest && latest.number !== number) {
    throw new RuleViolationError(`只能公布 ${year} 年度最新的修订（第 ${latest.number} 次）`, 'assessment.not_latest');
  }
  if (await em.count(AssessmentComputation, { activeYear: year })) {
    throw new ConflictError(`${year} 年度的考核结果正在重新计算，请待计算完成后再公布`, 'assessment.computation_running');
  }
  const previous = await em.findOne(AssessmentRevision, { year, status: 'published' });
  if (previous) previous.status = 'superseded';
  Object.assign(revision, { status: 'published', publishedAt: now, publishedBy: actor.userId });
  audit(em, {
    actor,
    action: 'assessment.publish',
    subjectType: 'assessment_revision',
    subjectId: `${year}#${number}`,
    before: { status: 'draft', superseding: previous ? previous.number : null },
    after: { status: 'published', publishedAt: now.toISOString(), departments: revision.departmentCount },
    at: now,
  });
  await em.flush();

  const results = await em.find(AssessmentResult, { revision: revision.id }, { fields: ['department'] });
  for (const r of results) {
    const recipients = await departmentRecipients(em, r.department.id);
    if (recipients.length === 0) continue;
    await notify(
      em,
      recipients,
      {
        kind: 'assessment_published',
        title: `您单位 ${year} 年度考核结果已公布`,
        body: previous
          ? `${year} 年度考核结果已更正并重新公布（第 ${number} 次修订${revision.reason ? `，原因：${revision.reason}` : ''}），请查看本单位得分与扣分明细。`
          : `${year} 年度政务数据共享开放考核结果已公布（第三十条），请查看本单位得分与扣分明细。`,
        link: `/assessments/${year}/departments/${r.department.id}`,
        subjectType: 'assessment_revision',
        subjectId: `${year}#${number}`,
        dedupeKey: `assessment-published:${year}:${number}:${r.department.id}`,
      },
      now,
    );
  }
  return revisionDto(em, revision);
}
