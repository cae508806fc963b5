import { sql } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { DEADLINE_KINDS, type DeadlineKindSpec, type ServiceRecordEntryDto, type ServiceRecordQuery } from '@govdata/domain';
import { ServiceRecordEntry, type IServiceRecordEntry } from '@govdata/core';

/** Lapses of the bureau that are not deadline kinds. */
const OTHER_KIND_LABELS: Record<string, string> = {
  stale_data: '本局目录数据未按更新周期更新',
  catalog_missing: '本局未发布政务数据资源目录',
};

export const serviceRecordKindLabel = (kind: string): string => (DEADLINE_KINDS as Record<string, DeadlineKindSpec>)[kind]?.label ?? OTHER_KIND_LABELS[kind] ?? kind;

export const serviceRecordEntryDto = (e: IServiceRecordEntry): ServiceRecordEntryDto => ({
  id: e.id,
  kind: e.kind,
  kindLabel: serviceRecordKindLabel(e.kind),
  article: e.article,
  source: { kind: e.sourceKind, id: e.sourceId },
  detectedAt: e.detectedAt.toISOString(),
  evidence: e.evidence,
});

/** 服务记录 — the bureau's own lapses, newest first, with a count per kind. */
export async function listServiceRecord(em: EntityManager, query: ServiceRecordQuery) {
  const where = query.kind ? { kind: query.kind } : {};
  const [rows, total] = await em.findAndCount(ServiceRecordEntry, where, { orderBy: { detectedAt: 'desc', id: 'desc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  const counts: { kind: string; n: number | string }[] = await em.createQueryBuilder(ServiceRecordEntry, 's').select(['s.kind', sql`count(*)`.as('n')]).groupBy('s.kind').execute();
  return {
    items: rows.map(serviceRecordEntryDto),
    total,
    page: query.page,
    pageSize: query.pageSize,
    byKind: counts.map((c) => ({ kind: c.kind, kindLabel: serviceRecordKindLabel(c.kind), count: Number(c.n) })).sort((a, b) => b.count - a.count),
  };
}
