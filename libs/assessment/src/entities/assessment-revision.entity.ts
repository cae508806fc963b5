import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { AssessmentScheme as SchemeDocument, CategoryScore, DepartmentYearFacts, Grade, IndicatorScore, SuspensionReason } from '@govdata/analytics';
import { Department, User } from '@govdata/core';

export type RevisionStatus = 'draft' | 'published' | 'superseded';

/**
 * One computation of a year's results (第三十条). A year's revisions are numbered 1, 2, …; the latest may be a draft
 * (recomputing replaces it in place), a published revision is never changed again — the service refuses it and
 * database triggers (migration `assessment`) abort any UPDATE or DELETE of a published/superseded revision's
 * results, and any change of such a revision other than published → superseded.
 */
export const AssessmentRevision = defineEntity({
  name: 'AssessmentRevision',
  tableName: 'assessment_revisions',
  uniques: [{ properties: ['year', 'number'] }],
  indexes: [{ properties: ['year', 'status'] }],
  properties: {
    id: p.integer().primary(),
    year: p.integer(),
    number: p.integer(),
    status: p.string().length(12).$type<RevisionStatus>(),
    /** why it was computed again after a publication */
    reason: p.text().nullable(),
    /** YYYY-MM-DD: the facts' statistics day */
    asOf: p.string().length(10),
    computedAt: p.datetime(),
    computedBy: () => p.manyToOne(User).ref().nullable(),
    publishedAt: p.datetime().nullable(),
    publishedBy: () => p.manyToOne(User).ref().nullable(),
    /** the scheme exactly as used */
    scheme: p.json<SchemeDocument>(),
    departmentCount: p.integer(),
  },
});
export type IAssessmentRevision = InferEntity<typeof AssessmentRevision>;

/** One department's result in one revision, with the facts it was computed from (every point stays explainable). */
export const AssessmentResult = defineEntity({
  name: 'AssessmentResult',
  tableName: 'assessment_results',
  uniques: [{ properties: ['revision', 'department'] }],
  properties: {
    id: p.integer().primary(),
    revision: () => p.manyToOne(AssessmentRevision).ref().deleteRule('cascade'),
    department: () => p.manyToOne(Department).ref(),
    total: p.double().runtimeType('number').$type<number>(),
    grade: p.string().length(12).$type<Grade>(),
    rank: p.integer(),
    previousTotal: p.double().runtimeType('number').$type<number>().nullable(),
    change: p.double().runtimeType('number').$type<number>().nullable(),
    measuredWeight: p.double().runtimeType('number').$type<number>(),
    indicators: p.json<IndicatorScore[]>(),
    categories: p.json<CategoryScore[]>(),
    facts: p.json<DepartmentYearFacts>(),
    /** listed under 第三十二条, and why */
    suspended: p.boolean(),
    suspensionReasons: p.json<SuspensionReason[]>(),
  },
});
export type IAssessmentResult = InferEntity<typeof AssessmentResult>;
