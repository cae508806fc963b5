import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ViolationEvidence, ViolationStatus, ViolationType } from '@govdata/domain';
import { Department } from './department.entity';
import { User } from './user.entity';

/**
 * A violation of 第三十三条 (types 1–9). The unique key on (source kind, source id, type) makes every detector
 * idempotent: re-running a job, or two schedulers at once, can never record the same violation twice.
 */
export const Violation = defineEntity({
  name: 'Violation',
  tableName: 'violations',
  uniques: [{ properties: ['sourceKind', 'sourceId', 'type'] }],
  indexes: [{ properties: ['department', 'status'] }, { properties: ['status', 'type'] }, { properties: ['detectedAt'] }],
  properties: {
    id: p.integer().primary(),
    type: p.integer().$type<ViolationType>(),
    department: () => p.manyToOne(Department).ref(),
    sourceKind: p.string().length(40),
    sourceId: p.string().length(64),
    detectedAt: p.datetime(),
    evidence: p.json<ViolationEvidence>(),
    status: p.string().length(12).$type<ViolationStatus>(),
    /** recorded by an inspector rather than detected by a job */
    manual: p.boolean().default(false),
    createdBy: () => p.manyToOne(User).ref().nullable(),
    decidedBy: () => p.manyToOne(User).ref().nullable(),
    decidedAt: p.datetime().nullable(),
    dismissReason: p.text().nullable(),
    /** the written notice that covers it (书面通报), once issued */
    noticeId: p.integer().nullable().index(),
    version: p.integer().version(),
  },
});
export type IViolation = InferEntity<typeof Violation>;
