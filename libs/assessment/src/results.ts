import type { EntityManager } from '@mikro-orm/knex';
import {
  FACT_KEYS,
  FACT_SPECS,
  GRADE_LABELS,
  METRICS,
  averageScores,
  type AssessmentYearDto,
  type DepartmentBreakdownDto,
  type DepartmentScore,
  type DrillResponse,
  type MetricValue,
  type PublicResults,
  type ResultRowDto,
  type ResultsResponse,
  type SuspensionResponse,
} from '@govdata/analytics';
import { ForbiddenError, NotFoundError, readsAllDepartments, type Actor, type DepartmentSummary } from '@govdata/domain';
import { AssessmentResult, AssessmentRevision, type IAssessmentResult, type IAssessmentRevision } from './entities/assessment-revision.entity';
import { AssessmentSchemeRecord } from './entities/assessment-scheme.entity';
import { Department, runRead } from '@govdata/core';
import { drillRecordsRead } from './drill';
import { hasPublication, publishedRevision, revisionDto, revisionDtos } from './revisions';

/**
 * Reading results (第三十条). The bureau and the leadership group see every revision (default: the latest) and every
 * department; a department sees only the published revision, and only its own row and breakdown; the public sees
 * the published totals (and nothing else) without logging in.
 */
export async function resolveRevision(em: EntityManager, actor: Actor | null, year: number, number?: number): Promise<IAssessmentRevision> {
  if (actor !== null && readsAllDepartments(actor)) {
    const revision = number
      ? await em.findOne(AssessmentRevision, { year, number })
      : await em.findOne(AssessmentRevision, { year }, { orderBy: { number: 'desc' } });
    if (!revision) throw new NotFoundError(number ? `${year} 年度没有第 ${number} 次修订的考核结果` : `${year} 年度尚未计算考核结果`, 'assessment.results_not_found');
    return revision;
  }
  const published = await publishedRevision(em, year);
  if (!published || (number !== undefined && number !== published.number)) {
    throw new NotFoundError(`${year} 年度考核结果尚未公布`, 'assessment.not_published');
  }
  return published;
}

/** Department summaries by id; every id asked for is a department of the results (a foreign key), so `get` always finds it. */
async function departmentsById(em: EntityManager, ids: number[]): Promise<{ get(id: number): DepartmentSummary }> {
  const rows = ids.length ? await em.find(Department, { id: { $in: ids } }, { fields: ['id', 'code', 'name'] }) : [];
  const map = new Map(rows.map((d) => [d.id, { id: d.id, code: d.code, name: d.name }]));
  return {
    get(id) {
      const d = map.get(id);
      if (!d) throw new NotFoundError(`部门 ${id} 不存在`, 'department.not_found');
      return d;
    },
  };
}

async function resultsOf(em: EntityManager, revision: IAssessmentRevision, departmentId?: number): Promise<IAssessmentResult[]> {
  return em.find(AssessmentResult, { revision: revision.id, ...(departmentId ? { department: departmentId } : {}) }, { orderBy: { rank: 'asc', department: 'asc' } });
}

const asScore = (r: IAssessmentResult, year: number): DepartmentScore => ({
  departmentId: r.department.id,
  year,
  total: r.total,
  grade: r.grade,
  gradeLabel: GRADE_LABELS[r.grade],
  categories: r.categories,
  indicators: r.indicators,
  measuredWeight: r.measuredWeight,
  neutralRate: null,
});

function rowDto(r: IAssessmentResult, department: DepartmentSummary): ResultRowDto {
  return {
    department,
    total: r.total,
    grade: r.grade,
    gradeLabel: GRADE_LABELS[r.grade],
    rank: r.rank,
    previousTotal: r.previousTotal ?? null,
    change: r.change ?? null,
    indicators: r.indicators.map((i) => ({ id: i.id, name: i.name, category: i.category, points: i.points, weight: i.weight, neutral: i.neutral })),
    suspended: r.suspended,
  };
}

/** GET /api/assessments/:year/results. A department gets the published revision with its own row only. */
export async function getResults(em: EntityManager, actor: Actor, year: number, number?: number): Promise<ResultsResponse> {
  const revision = await resolveRevision(em, actor, year, number);
  const all = await resultsOf(em, revision);
  const visible = readsAllDepartments(actor) ? all : all.filter((r) => r.department.id === actor.departmentId);
  const departments = await departmentsById(em, visible.map((r) => r.department.id));
  const average = averageScores(all.map((r) => asScore(r, year)));
  return {
    revision: await revisionDto(em, revision),
    rows: visible.map((r) => rowDto(r, departments.get(r.department.id))),
    average: { total: average.total, indicators: average.indicators },
  };
}

function metricNumber(value: MetricValue): number | null {
  if (value.kind === 'ratio') return value.rate;
  return value.count;
}

function assertMayRead(actor: Actor, departmentId: number): void {
  if (!readsAllDepartments(actor) && actor.departmentId !== departmentId) {
    throw new ForbiddenError('只能查看本部门的考核明细', 'assessment.other_department');
  }
}

async function resultRow(em: EntityManager, actor: Actor, year: number, departmentId: number, number?: number): Promise<{ revision: IAssessmentRevision; row: IAssessmentResult }> {
  assertMayRead(actor, departmentId);
  const revision = await resolveRevision(em, actor, year, number);
  const [row] = await resultsOf(em, revision, departmentId);
  if (!row) throw new NotFoundError(`该部门不在 ${year} 年度考核结果中`, 'assessment.department_not_assessed');
  return { revision, row };
}

/** GET /api/assessments/:year/departments/:departmentId — every point with its explanation and the facts behind it. */
export async function getBreakdown(em: EntityManager, actor: Actor, year: number, departmentId: number, number?: number): Promise<DepartmentBreakdownDto> {
  const { revision, row } = await resultRow(em, actor, year, departmentId, number);
  const all = await resultsOf(em, revision);
  const average = averageScores(all.map((r) => asScore(r, year)));
  const department = (await departmentsById(em, [departmentId])).get(departmentId);
  return {
    revision: await revisionDto(em, revision),
    department,
    total: row.total,
    grade: row.grade,
    gradeLabel: GRADE_LABELS[row.grade],
    rank: row.rank,
    departmentCount: revision.departmentCount,
    previousTotal: row.previousTotal ?? null,
    change: row.change ?? null,
    measuredWeight: row.measuredWeight,
    categories: row.categories.map((c) => ({ id: c.id, name: c.name, weight: c.weight, points: c.points })),
    indicators: row.indicators.map((i) => {
      const metric = METRICS[i.metric];
      return {
        id: i.id,
        name: i.name,
        category: i.category,
        weight: i.weight,
        points: i.points,
        cityAverage: average.indicators[i.id] ?? 0,
        metric: i.metric,
        metricLabel: metric.label,
        value: metricNumber(i.value),
        unit: metric.unit,
        neutral: i.neutral,
        explanation: i.explanation,
        drillable: i.neutralReason !== 'source_missing',
      };
    }),
    facts: FACT_KEYS.map((key) => ({ key, label: FACT_SPECS[key].label, value: row.facts.values[key] ?? null, unit: FACT_SPECS[key].unit, article: FACT_SPECS[key].article })),
    suspension: row.suspensionReasons.map((r) => ({ code: r.code, text: r.text })),
  };
}

/** GET …/indicators/:indicatorId/records — the records behind a point, in the revision's window (its asOf). */
export async function getDrill(
  em: EntityManager,
  actor: Actor,
  year: number,
  departmentId: number,
  indicatorId: string,
  query: { revision?: number; scope: 'lost' | 'all'; page: number; pageSize: number },
): Promise<DrillResponse> {
  const { revision } = await resultRow(em, actor, year, departmentId, query.revision);
  const indicator = revision.scheme.indicators.find((i) => i.id === indicatorId);
  if (!indicator) throw new NotFoundError(`${year} 年度考核方案中没有指标“${indicatorId}”`, 'assessment.indicator_not_found');
  const metric = METRICS[indicator.metric as keyof typeof METRICS];
  const drillDown = query.scope === 'lost' ? metric.drillDown : metric.population;
  // the revision's computation time and statistics day: exactly the records its facts counted
  const records = await runRead(em, drillRecordsRead, { year, now: revision.computedAt, asOf: revision.asOf, departmentId, drillDown, page: query.page, pageSize: query.pageSize });
  return {
    indicator: { id: indicator.id, name: indicator.name },
    scope: query.scope,
    description: records.description,
    items: records.items,
    total: records.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** 第三十二条: the departments listed for suspension of new projects and O&M funds, from a revision. */
export async function getSuspension(em: EntityManager, actor: Actor, year: number, number?: number): Promise<SuspensionResponse> {
  const revision = await resolveRevision(em, actor, year, number);
  const rows = await em.find(AssessmentResult, { revision: revision.id, suspended: true }, { orderBy: { department: 'asc' } });
  const departments = await departmentsById(em, rows.map((r) => r.department.id));
  return {
    revision: await revisionDto(em, revision),
    rows: rows.map((r) => ({ department: departments.get(r.department.id), total: r.total, grade: r.grade, gradeLabel: GRADE_LABELS[r.grade], reasons: r.suspensionReasons.map((x) => ({ code: x.code, text: x.text })) })),
  };
}

/** GET /api/assessments — every year with a scheme or results; a department sees only what was published. */
export async function listAssessmentYears(em: EntityManager, actor: Actor): Promise<AssessmentYearDto[]> {
  const all = readsAllDepartments(actor);
  const schemes = await em.find(AssessmentSchemeRecord, {}, { orderBy: { year: 'desc' } });
  const revisions = await em.find(AssessmentRevision, all ? {} : { status: 'published' }, { orderBy: { year: 'desc', number: 'desc' } });
  const years = [...new Set([...(all ? schemes.map((s) => s.year) : []), ...revisions.map((r) => r.year)])].sort((a, b) => b - a);
  const dtos = await revisionDtos(em, revisions);
  const byYear = new Map<number, { latest: (typeof dtos)[number] | null; published: (typeof dtos)[number] | null }>();
  revisions.forEach((r, i) => {
    const entry = byYear.get(r.year) ?? { latest: null, published: null };
    if (!entry.latest) entry.latest = dtos[i];
    if (r.status === 'published') entry.published = dtos[i];
    byYear.set(r.year, entry);
  });
  const out: AssessmentYearDto[] = [];
  for (const year of years) {
    const scheme = schemes.find((s) => s.year === year);
    out.push({
      year,
      schemeName: scheme?.scheme.name ?? null,
      schemeEditable: !(await hasPublication(em, year)),
      latest: byYear.get(year)?.latest ?? null,
      published: byYear.get(year)?.published ?? null,
    });
  }
  return out;
}

// ── public page (no login, 第三十条 接受社会监督) ───────────────────────────────────────────────────────────────────

export async function listPublicYears(em: EntityManager): Promise<{ year: number; publishedAt: string; revision: number }[]> {
  const rows = await em.find(AssessmentRevision, { status: 'published' }, { orderBy: { year: 'desc' } });
  return rows.map((r) => ({ year: r.year, publishedAt: (r.publishedAt ?? r.computedAt).toISOString(), revision: r.number }));
}

/** The published totals only: department code and name, total, grade, rank — no indicator, fact or explanation. */
export async function getPublicResults(em: EntityManager, year: number): Promise<PublicResults> {
  const revision = await publishedRevision(em, year);
  if (!revision) throw new NotFoundError(`${year} 年度考核结果尚未公布`, 'assessment.not_published');
  const rows = await resultsOf(em, revision);
  const departments = await departmentsById(em, rows.map((r) => r.department.id));
  return {
    year,
    revision: revision.number,
    publishedAt: (revision.publishedAt ?? revision.computedAt).toISOString(),
    reason: revision.reason ?? null,
    rows: rows.map((r) => {
      const d = departments.get(r.department.id);
      return { department: { code: d.code, name: d.name }, total: r.total, grade: r.grade, gradeLabel: GRADE_LABELS[r.grade], rank: r.rank };
    }),
  };
}
