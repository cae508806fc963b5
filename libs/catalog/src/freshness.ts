import type { EntityManager } from '@mikro-orm/knex';
import {
  catalogCoverageOf,
  freshnessOf,
  MISSING_CATALOG_VIOLATION,
  missingCatalogSource,
  STALE_DATA_VIOLATION,
  staleEntrySource,
  UPDATE_CYCLE_LABELS,
  violationClause,
  type UpdateCycle,
  type ViolationEvidence,
} from '@govdata/domain';
import { shanghaiDate, startOfShanghaiDay } from '@govdata/workdays';
import { type FindingInput, fromSqlTime, recordFindings, type SweepContext, sweepDeadlines } from '@govdata/core';

/** A published catalog entry as the freshness rule needs it. */
export interface CatalogFreshnessCandidate {
  entryId: number;
  departmentId: number;
  /** the bureau's own entries go to its service record */
  isBureau: boolean;
  title: string;
  cycle: UpdateCycle;
  publishedAt: Date;
  lastDataUpdateAt: Date | null;
}

/** A department and how many catalog entries it has published. */
export interface CatalogCoverageRow {
  departmentId: number;
  isBureau: boolean;
  registeredAt: Date;
  publishedEntries: number;
}

/**
 * Published catalog entries with a declared update cycle (更新周期, 不定期 excluded) and the date their data was last
 * updated — one indexed query over `catalog_entries`, whatever the catalog's size.
 */
export async function loadFreshnessCandidates(em: EntityManager, _now: Date): Promise<CatalogFreshnessCandidate[]> {
  const rows: Record<string, unknown>[] = await em.getConnection().execute(
    `select e.id, e.provider_id, d.is_bureau, e.name, e.update_cycle, e.published_at, e.data_updated_at
       from catalog_entries e join departments d on d.id = e.provider_id
      where e.status = 'published' and e.update_cycle <> 'irregular' and e.published_at is not null`,
  );
  return rows.map((r) => ({
    entryId: Number(r.id),
    departmentId: Number(r.provider_id),
    isBureau: r.is_bureau === true || r.is_bureau === 1,
    title: String(r.name),
    cycle: r.update_cycle as UpdateCycle,
    publishedAt: fromSqlTime(r.published_at),
    lastDataUpdateAt: r.data_updated_at ? startOfShanghaiDay(String(r.data_updated_at)) : null,
  }));
}

/** Every department with the number of catalog entries it has published (第六条: each compiles its own catalog). */
export async function loadCatalogCoverage(em: EntityManager): Promise<CatalogCoverageRow[]> {
  const rows: Record<string, unknown>[] = await em.getConnection().execute(
    `select d.id, d.is_bureau, d.created_at, count(e.id) as published
       from departments d left join catalog_entries e on e.provider_id = d.id and e.status = 'published'
      group by d.id, d.is_bureau, d.created_at`,
  );
  return rows.map((r) => ({
    departmentId: Number(r.id),
    isBureau: r.is_bureau === true || r.is_bureau === 1,
    registeredAt: fromSqlTime(r.created_at),
    publishedEntries: Number(r.published),
  }));
}

export interface CatalogFreshnessSummary {
  scanned: number;
  newlyOverdue: number;
  violationsCreated: number;
  serviceRecordEntries: number;
  notificationsSent: number;
  staleEntries: number;
  departmentsWithoutCatalog: number;
}

/**
 * The catalog-freshness job (daily 01:00): (a) update triggers past their 15 working days (第七条) → 一, which is
 * the generic sweep restricted to catalog_update clocks (it runs every 5 minutes anyway; re-running it here keeps
 * the daily job complete on its own); (b) published entries whose data missed its cycle plus grace → 五;
 * (c) departments without a published catalog → 一. The bureau's own lapses go to its service record.
 */
export async function runCatalogFreshness(ctx: SweepContext): Promise<CatalogFreshnessSummary> {
  const triggers = await sweepDeadlines(ctx, { kinds: ['catalog_update'], jobName: 'catalog-freshness' });
  const entries = await loadFreshnessCandidates(ctx.em, ctx.now);
  const coverage = await loadCatalogCoverage(ctx.em);
  const findings = await recordCatalogFindings(ctx, entries, coverage);
  return {
    scanned: triggers.scanned + entries.length + coverage.length,
    newlyOverdue: triggers.newlyOverdue,
    violationsCreated: triggers.violationsCreated + findings.violationsCreated,
    serviceRecordEntries: triggers.serviceRecordEntries + findings.serviceRecordEntries,
    notificationsSent: triggers.notificationsSent + findings.notificationsSent,
    staleEntries: findings.staleEntries,
    departmentsWithoutCatalog: findings.departmentsWithoutCatalog,
  };
}

/** Applies the freshness and coverage rules (libs/domain/freshness.ts) and records what they find, once each. */
export async function recordCatalogFindings(ctx: SweepContext, entries: CatalogFreshnessCandidate[], coverage: CatalogCoverageRow[]) {
  const { em, now } = ctx;
  const calendar = ctx.calendar.lenient;
  const findings: FindingInput[] = [];
  let staleEntries = 0;
  let departmentsWithoutCatalog = 0;

  for (const e of entries) {
    const v = freshnessOf(calendar, e, now);
    if (v.status !== 'stale') continue;
    staleEntries++;
    const source = staleEntrySource(e.entryId, v.dueDate);
    const cycle = UPDATE_CYCLE_LABELS[e.cycle];
    const evidence: ViolationEvidence = {
      summary: `目录条目「${e.title}」更新周期为${cycle}，${v.basis === 'last_update' ? '最近一次数据更新' : '发布'}于 ${v.since}，应于 ${v.expectedDate} 更新（宽限至 ${v.dueDate}），至今未更新`,
      dueAt: v.dueAt.toISOString(),
      completedAt: null,
      observedAt: now.toISOString(),
      workingDaysLate: v.workingDaysLate,
      article: violationClause(STALE_DATA_VIOLATION),
      details: { entryId: e.entryId, cycle: e.cycle, since: v.since, basis: v.basis, expectedDate: v.expectedDate, dueDate: v.dueDate },
    };
    findings.push({
      source,
      ...(e.isBureau ? { serviceRecord: { kind: 'stale_data', article: '第十九条' } } : { violation: { type: STALE_DATA_VIOLATION, departmentId: e.departmentId } }),
      evidence,
      auditContext: { entryId: e.entryId, dueDate: v.dueDate, cycle: e.cycle },
      notify: {
        kind: 'catalog.freshness',
        title: `【数据未按时更新】${e.title}`,
        body: `${evidence.summary}。${e.isBureau ? '已记入本局服务记录。' : `已按${violationClause(STALE_DATA_VIOLATION)}记录违规线索，待平台管理员确认。`}请尽快更新数据。`,
        link: '/violations',
      },
    });
  }

  for (const d of coverage) {
    const v = catalogCoverageOf(calendar, d, now);
    if (!v.missing) continue;
    departmentsWithoutCatalog++;
    const source = missingCatalogSource(d.departmentId, now);
    const evidence: ViolationEvidence = {
      summary: `截至 ${shanghaiDate(now)} 未发布任何政务数据资源目录（应于 ${v.dueDate} 前完成编制，第六条、第七条）`,
      dueAt: v.dueAt.toISOString(),
      completedAt: null,
      observedAt: now.toISOString(),
      workingDaysLate: v.workingDaysLate,
      article: violationClause(MISSING_CATALOG_VIOLATION),
      details: { dueDate: v.dueDate, publishedEntries: 0 },
    };
    findings.push({
      source,
      ...(d.isBureau ? { serviceRecord: { kind: 'catalog_missing', article: '第六条' } } : { violation: { type: MISSING_CATALOG_VIOLATION, departmentId: d.departmentId } }),
      evidence,
      auditContext: { departmentId: d.departmentId, dueDate: v.dueDate },
      notify: { kind: 'catalog.freshness', title: '【目录未编制】请编制并发布本部门政务数据资源目录', body: `${evidence.summary}。请尽快编制并发布。`, link: '/violations' },
    });
  }

  const counts = { violationsCreated: 0, serviceRecordEntries: 0, notificationsSent: 0, staleEntries, departmentsWithoutCatalog };
  if (findings.length === 0) return counts;
  // the same stale entry is found every day until it is updated: the door records and announces only what is new
  const recorded = await em.transactional((tx) => recordFindings(tx, findings, { job: 'catalog-freshness' }, now));
  return { ...counts, violationsCreated: recorded.violationsCreated, serviceRecordEntries: recorded.serviceRecordEntries, notificationsSent: recorded.notificationsSent };
}
