import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { DeadlineState, ResponsibleParty } from '@govdata/domain';
import { Department } from './department.entity';

/**
 * A running clock of the regulation, stored as data: a share request's compliance review or provider reply, a
 * catalog update trigger, a correction feedback, an open-data application, a notice's rectification.
 * The sweep selects `state = 'open' AND due_at < now` through the (state, due_at) index; the assessment reads a
 * year's clocks by the (due_date, kind, state, department_id, due_at) index, whatever the number of earlier years.
 */
export const Deadline = defineEntity({
  name: 'Deadline',
  tableName: 'deadlines',
  indexes: [
    { properties: ['state', 'dueAt'] },
    { properties: ['subjectType', 'subjectId'] },
    { properties: ['department', 'state'] },
    { properties: ['kind', 'state'] },
    // covering: the year's facts read this index alone (an index-only scan on PostgreSQL), whatever the earlier years
    { properties: ['dueDate', 'kind', 'state', 'department', 'dueAt'] },
  ],
  properties: {
    id: p.integer().primary(),
    kind: p.string().length(40),
    subjectType: p.string().length(40),
    subjectId: p.integer(),
    /** the department that must act; null when the bureau must (its own service record) */
    department: () => p.manyToOne(Department).ref().nullable(),
    responsible: p.string().length(12).$type<ResponsibleParty>(),
    startedAt: p.datetime(),
    dueAt: p.datetime(),
    /** the last day, YYYY-MM-DD Asia/Shanghai */
    dueDate: p.string().length(10),
    periodN: p.integer(),
    periodUnit: p.string().length(8).$type<'working' | 'natural'>(),
    /** the rule set (and its version) the clock was opened under (第N条 of that set); kept when the bureau switches sets */
    ruleSet: p.string().length(40).default('shuozhou-2022'),
    ruleSetVersion: p.integer().default(1),
    /** computed over a year without a published holiday schedule; recomputed when the bureau enters it */
    provisional: p.boolean().default(false),
    state: p.string().length(12).$type<DeadlineState>(),
    completedAt: p.datetime().nullable(),
    /** when the sweep found it overdue */
    overdueAt: p.datetime().nullable(),
    createdAt: p.datetime(),
  },
});
export type IDeadline = InferEntity<typeof Deadline>;
