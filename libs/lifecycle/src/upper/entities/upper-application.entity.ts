import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { UpperApplicationStatus, UpperReplyDecision } from '@govdata/domain';
import { UpperResource } from './upper-resource.entity';

/**
 * 统一申请 (第十八条): the bureau's one batch application to the upper platform for a resource, consolidating the
 * departments' needs; its submission, the upper level's reply and the pass-back to each department (the
 * `upper_reply_passback` clock, subject ('upper_application', id)).
 */
export const UpperApplication = defineEntity({
  name: 'UpperApplication',
  tableName: 'upper_applications',
  indexes: [{ properties: ['resource', 'status'] }, { properties: ['status', 'createdAt'] }],
  properties: {
    id: p.integer().primary(),
    resource: () => p.manyToOne(UpperResource).ref(),
    status: p.string().length(12).$type<UpperApplicationStatus>(),
    createdAt: p.datetime(),
    createdByName: p.string().length(60),
    /** the items applied for (the needs' union), fixed on submission */
    items: p.json<string[]>(),
    submittedOn: p.string().length(10).nullable(),
    submittedAt: p.datetime().nullable(),
    submittedByName: p.string().length(60).nullable(),
    /** 上级平台申请单号 */
    platformRef: p.string().length(100).nullable(),
    submitNote: p.text().nullable(),
    decision: p.string().length(16).$type<UpperReplyDecision>().nullable(),
    /** 答复文号 */
    referenceNo: p.string().length(100).nullable(),
    replyDate: p.string().length(10).nullable(),
    conditions: p.text().nullable(),
    approvedItems: p.json<string[]>().nullable(),
    repliedAt: p.datetime().nullable(),
    repliedByName: p.string().length(60).nullable(),
    passedBackAt: p.datetime().nullable(),
    passedBackByName: p.string().length(60).nullable(),
    passBackNote: p.text().nullable(),
  },
});
export type IUpperApplication = InferEntity<typeof UpperApplication>;
