import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { chainAuditEvent } from '../audit/chain';
import { User } from './user.entity';

/**
 * Every state change writes one, in the same transaction (../shared/DESIGN.md §3). Append-only and hash-chained
 * (audit/chain.ts): the database refuses UPDATE and DELETE, and each row carries the SM3 hash of its content and of
 * the row before it, set when the row is inserted.
 */
export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_events',
  indexes: [{ properties: ['subjectType', 'subjectId'] }, { properties: ['at'] }],
  hooks: { beforeCreate: [chainAuditEvent] },
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
    /** position in the chain: 1, 2, 3 … without gaps (set by the insert hook) */
    seq: p.integer().unique(),
    /** hash of the row before (64 zeros for the first) */
    prevHash: p.string().length(64),
    /** SM3(prevHash, canonical content) — chain/hash.ts */
    hash: p.string().length(64),
  },
});
export type IAuditEvent = InferEntity<typeof AuditEvent>;
