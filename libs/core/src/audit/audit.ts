import type { EntityManager } from '@mikro-orm/knex';
import type { Actor } from '@govdata/domain';
import { realNow } from '../clock';
import { AuditEvent } from '../entities/audit-event.entity';
import { currentClientAddress } from './client';

export interface AuditInput {
  /** null for the system (scheduler jobs, seeding) */
  actor: Actor | null;
  /** shown when there is no actor, e.g. `system:deadline-sweep` */
  systemName?: string;
  onBehalfOfDepartmentId?: number | null;
  action: string;
  subjectType: string;
  subjectId: string | number;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** the client address; by default the current request's (audit/client.ts) */
  ip?: string | null;
  /** business time (the platform clock): when the action counts as done, e.g. for deadlines */
  at: Date;
}

/**
 * Queues an audit event on the EntityManager; it is written by the same flush/transaction as the change it records.
 * The row keeps both times: `at` (business clock) and `recordedAt` (real time, whatever the platform clock says).
 */
export function audit(em: EntityManager, input: AuditInput): void {
  em.create(AuditEvent, {
    actor: input.actor ? input.actor.userId : null,
    actorName: input.actor ? `${input.actor.displayName}(${input.actor.username})` : (input.systemName ?? 'system'),
    onBehalfOfDepartmentId: input.onBehalfOfDepartmentId ?? null,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: String(input.subjectId),
    before: input.before ?? null,
    after: input.after ?? null,
    ip: input.ip ?? currentClientAddress(),
    at: input.at,
    recordedAt: realNow(),
    // the insert hook links the row into the chain (audit/chain.ts)
    seq: 0,
    prevHash: '',
    hash: '',
  });
}
