import type { EntityManager } from '@mikro-orm/knex';
import { copyScheme, defaultScheme2026, validateScheme, type AssessmentScheme, type SchemeView } from '@govdata/analytics';
import { ConflictError, NotFoundError, ValidationError, type Actor } from '@govdata/domain';
import { audit, User } from '@govdata/core';
import { AssessmentSchemeRecord, type IAssessmentSchemeRecord } from './entities/assessment-scheme.entity';
import { hasPublication } from './revisions';

/**
 * 考核评估方案 (第三十一条). A year's scheme is stored once the bureau saves it; until then the year has a proposal:
 * the previous year's stored scheme copied forward, else the built-in 2026 default copied to the year. The scheme is
 * editable until results of its year are published (第三十条: published results rest on a fixed scheme).
 */
export async function proposedScheme(em: EntityManager, year: number): Promise<AssessmentScheme> {
  const previous = await em.findOne(AssessmentSchemeRecord, { year: { $lt: year } }, { orderBy: { year: 'desc' } });
  return copyScheme(previous ? previous.scheme : defaultScheme2026(), year);
}

/** The stored scheme of the year, or the proposal; `stored` says which. */
export async function schemeOfYear(em: EntityManager, year: number): Promise<{ scheme: AssessmentScheme; record: IAssessmentSchemeRecord | null }> {
  const record = await em.findOne(AssessmentSchemeRecord, { year });
  return { scheme: record ? record.scheme : await proposedScheme(em, year), record };
}

export async function getSchemeView(em: EntityManager, year: number): Promise<SchemeView> {
  const { scheme, record } = await schemeOfYear(em, year);
  const updatedBy = record?.updatedBy ? await em.findOne(User, { id: record.updatedBy.id }, { fields: ['id', 'displayName'] }) : null;
  return {
    year,
    scheme,
    stored: record !== null,
    editable: !(await hasPublication(em, year)),
    problems: validateScheme(scheme),
    updatedAt: record?.updatedAt.toISOString() ?? null,
    updatedBy: updatedBy ? { id: updatedBy.id, displayName: updatedBy.displayName } : null,
  };
}

async function assertEditable(em: EntityManager, year: number): Promise<void> {
  if (await hasPublication(em, year)) {
    throw new ConflictError(`${year} 年度考核结果已公布，考核方案不能再修改（第三十条）`, 'assessment.scheme_locked');
  }
}

/** Stores the scheme (written by the caller, or the proposal at the first computation); audited. */
export async function storeScheme(em: EntityManager, actor: Actor | null, year: number, scheme: AssessmentScheme, now: Date, action = 'assessment.scheme.save'): Promise<void> {
  const record = await em.findOne(AssessmentSchemeRecord, { year });
  const before = record ? { name: record.scheme.name, indicators: record.scheme.indicators.length } : null;
  if (record) Object.assign(record, { scheme, updatedAt: now, updatedBy: actor?.userId ?? null });
  else em.create(AssessmentSchemeRecord, { year, scheme, updatedAt: now, updatedBy: actor?.userId ?? null });
  audit(em, {
    actor,
    systemName: 'system:annual-assessment',
    action,
    subjectType: 'assessment_scheme',
    subjectId: year,
    before,
    after: { name: scheme.name, indicators: scheme.indicators.length, problems: validateScheme(scheme).length },
    at: now,
  });
  await em.flush();
}

/** PUT …/scheme: saved even while validateScheme reports problems (a draft scheme); they come back in `problems`. */
export async function saveScheme(em: EntityManager, actor: Actor, year: number, scheme: AssessmentScheme, now: Date): Promise<SchemeView> {
  if (scheme.year !== year) {
    throw new ValidationError(`方案中的年度（${scheme.year}）与所保存的年度（${year}）不一致`, [{ path: 'scheme.year', message: `年度应为 ${year}` }]);
  }
  await assertEditable(em, year);
  await storeScheme(em, actor, year, scheme, now);
  return getSchemeView(em, year);
}

/** POST …/scheme/copy: the year's scheme starts as a copy of another year's stored scheme, or of the 2026 default (null). */
export async function copySchemeFromYear(em: EntityManager, actor: Actor, year: number, fromYear: number | null, now: Date): Promise<SchemeView> {
  if (fromYear === year) throw new ValidationError('不能从同一年度复制考核方案', [{ path: 'fromYear', message: '请选择其他年度' }]);
  await assertEditable(em, year);
  let source: AssessmentScheme;
  if (fromYear === null) source = defaultScheme2026();
  else {
    const record = await em.findOne(AssessmentSchemeRecord, { year: fromYear });
    if (!record) throw new NotFoundError(`${fromYear} 年度没有已保存的考核方案，无法复制`, 'assessment.scheme_not_found');
    source = record.scheme;
  }
  await storeScheme(em, actor, year, copyScheme(source, year), now, 'assessment.scheme.copy');
  return getSchemeView(em, year);
}
