import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ContestDecision, CorrectionChannel, CorrectionDecision, CorrectionStatus } from '@govdata/domain';
import { Department, User } from '@govdata/core';
import { CatalogEntry } from '@govdata/catalog';

/**
 * 纠错反馈 (第十七条): a consumer's report of a suspected error in an entry's catalog or data, the provider's check
 * (5 working days, the `correction_feedback` deadline with subject ('correction', id)), the reporter's one contest and
 * the bureau's decision. While it is open the data stays usable and is marked 纠错中.
 */
export const Correction = defineEntity({
  name: 'Correction',
  tableName: 'corrections',
  indexes: [{ properties: ['entry', 'status'] }, { properties: ['provider', 'status'] }, { properties: ['reporter', 'status'] }, { properties: ['receivedAt'] }],
  properties: {
    id: p.integer().primary(),
    entry: () => p.manyToOne(CatalogEntry).ref(),
    provider: () => p.manyToOne(Department).ref(),
    /** the reporting department; null when a portal user reported (`publicReporterId`) */
    reporter: () => p.manyToOne(Department).ref().nullable(),
    /** 开放门户: the public account that reported (an id, not a foreign key: lifecycle does not depend on opendata) */
    publicReporterId: p.integer().nullable().index(),
    /** the person who reported, or null for a system through the gateway */
    reportedBy: () => p.manyToOne(User).ref().nullable(),
    /** the reporter's name as shown: a user's name or the system's name and client id */
    reportedByName: p.string().length(120),
    channel: p.string().length(12).$type<CorrectionChannel>(),
    itemIds: p.json<number[]>(),
    recordKey: p.string().length(200).nullable(),
    datasetVersion: p.integer().nullable(),
    description: p.text(),
    evidence: p.text().nullable(),
    status: p.string().length(12).$type<CorrectionStatus>(),
    receivedAt: p.datetime(),
    dueAt: p.datetime(),
    dueDate: p.string().length(10),
    decision: p.string().length(16).$type<CorrectionDecision>().nullable(),
    reason: p.text().nullable(),
    correctedDatasetVersion: p.integer().nullable(),
    correctedCatalogVersion: p.integer().nullable(),
    correctOn: p.string().length(10).nullable(),
    answeredAt: p.datetime().nullable(),
    answeredByName: p.string().length(60).nullable(),
    answeredOnTime: p.boolean().nullable(),
    contestReason: p.text().nullable(),
    contestedAt: p.datetime().nullable(),
    bureauDecision: p.string().length(16).$type<ContestDecision>().nullable(),
    bureauReason: p.text().nullable(),
    decidedAt: p.datetime().nullable(),
    decidedByName: p.string().length(60).nullable(),
    /** 经核实的数据错误 — the assessment counts these (第十七条) */
    errorConfirmed: p.boolean().default(false),
  },
});
export type ICorrection = InferEntity<typeof Correction>;
