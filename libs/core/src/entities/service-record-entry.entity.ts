import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ViolationEvidence } from '@govdata/domain';

/**
 * 服务记录 — a lapse of the bureau itself (e.g. a 第十五条 compliance review not done within 2 working days). The
 * bureau is the supervisor, so its own lapses are never department violations (第三十三条); they are counted for the
 * bureau on the jobs and violations pages. The unique key makes the sweep record each lapse once, as for violations.
 */
export const ServiceRecordEntry = defineEntity({
  name: 'ServiceRecordEntry',
  tableName: 'service_record_entries',
  uniques: [{ properties: ['sourceKind', 'sourceId', 'kind'] }],
  indexes: [{ properties: ['detectedAt'] }],
  properties: {
    id: p.integer().primary(),
    /** the deadline kind missed (compliance_review), or another lapse (catalog_missing, stale_data) */
    kind: p.string().length(40),
    article: p.string().length(60),
    sourceKind: p.string().length(40),
    sourceId: p.string().length(64),
    detectedAt: p.datetime(),
    evidence: p.json<ViolationEvidence>(),
  },
});
export type IServiceRecordEntry = InferEntity<typeof ServiceRecordEntry>;
