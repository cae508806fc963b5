import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from './user.entity';

/** Every state change writes one, in the same transaction (../shared/DESIGN.md §3). */
export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_events',
  indexes: [{ properties: ['subjectType', 'subjectId'] }, { properties: ['at'] }],
  properties: {
    id: p.integer().primary(),
    actor: () => p.manyToOne(User).ref().nullable(),
    /** the actor's name at the time, or `system:<job>` for the scheduler */
    actorName: p.string().length(60),
    /** the department the actor acted for (an agent acts for the provider, 第十六条(一)) */
    onBehalfOfDepartmentId: p.integer().nullable(),
    action: p.string().length(60),
    subjectType: p.string().length(40),
    subjectId: p.string().length(64),
    before: p.json<Record<string, unknown>>().nullable(),
    after: p.json<Record<string, unknown>>().nullable(),
    ip: p.string().length(64).nullable(),
    /** business time: the platform clock when the action happened (pinned in training and tests) */
    at: p.datetime(),
    /** real time the row was written — evidence time, never moved by the platform clock */
    recordedAt: p.datetime(),
  },
});
export type IAuditEvent = InferEntity<typeof AuditEvent>;
