import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { UpperNeedStatus, UpperOutcome } from '@govdata/domain';
import { Department, User } from '@govdata/core';
import { UpperResource } from './upper-resource.entity';
import { UpperApplication } from './upper-application.entity';

/**
 * 上级数据需求 (第十八条): a department's need for an upper-level resource — purpose, scenario, items, basis, contact.
 * The bureau's commitment to consolidate and submit it runs as the `upper_need_submission` clock (subject
 * ('upper_need', id)); the result of the batch application comes back to it as its outcome.
 */
export const UpperNeed = defineEntity({
  name: 'UpperNeed',
  tableName: 'upper_needs',
  indexes: [{ properties: ['resource', 'status'] }, { properties: ['department', 'status'] }, { properties: ['application'] }, { properties: ['receivedAt'] }],
  properties: {
    id: p.integer().primary(),
    resource: () => p.manyToOne(UpperResource).ref(),
    department: () => p.manyToOne(Department).ref(),
    requestedBy: () => p.manyToOne(User).ref(),
    requestedByName: p.string().length(60),
    purpose: p.text(),
    scenario: p.text(),
    items: p.json<string[]>(),
    legalBasis: p.text(),
    contactName: p.string().length(60),
    contactPhone: p.string().length(20),
    status: p.string().length(14).$type<UpperNeedStatus>(),
    receivedAt: p.datetime(),
    dueAt: p.datetime(),
    dueDate: p.string().length(10),
    application: () => p.manyToOne(UpperApplication).ref().nullable(),
    outcome: p.string().length(16).$type<UpperOutcome>().nullable(),
    outcomeItems: p.json<string[]>().nullable(),
    outcomeNote: p.text().nullable(),
    passedBackAt: p.datetime().nullable(),
    withdrawnAt: p.datetime().nullable(),
  },
});
export type IUpperNeed = InferEntity<typeof UpperNeed>;
