import { NotFoundError, type NotificationDto, type Page, type Role } from '@govdata/domain';
import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { Notification, type INotification } from '../entities/notification.entity';
import { User } from '../entities/user.entity';
import { chunks, sqlRun, valuesList } from '../orm/raw';

export interface NotificationInput {
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  subjectType?: string | null;
  subjectId?: string | number | null;
  /** per-recipient suffix is added; a second notification with the same key is silently skipped */
  dedupeKey?: string | null;
}

export const notificationDto = (n: INotification): NotificationDto => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link ?? null,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

/** Active users of a department holding one of the roles (by default its data officers). */
export async function departmentRecipients(em: EntityManager, departmentId: number, roles: Role[] = ['dept_admin']): Promise<number[]> {
  const users = await em.find(User, { department: departmentId, disabled: false }, { fields: ['id', 'roles'] });
  return users.filter((u) => u.roles.some((r) => roles.includes(r))).map((u) => u.id);
}

/** Active users holding one of the roles anywhere (e.g. every bureau_admin, the leadership group). */
export async function roleRecipients(em: EntityManager, roles: Role[]): Promise<number[]> {
  const users = await em.find(User, { disabled: false, $or: roles.map((r) => ({ [raw((a) => `cast(${a}.roles as text)`)]: { $like: `%"${r}"%` } })) }, { fields: ['id', 'roles'] });
  return users.filter((u) => u.roles.some((r) => roles.includes(r))).map((u) => u.id);
}

/**
 * Sends one notification to each recipient, inside the caller's transaction. With a dedupe key, a recipient who
 * already has that notification is skipped — the unique key decides (ON CONFLICT DO NOTHING), so two processes
 * sending the same notification at once never fail or duplicate. Returns how many were created.
 */
export function notify(em: EntityManager, recipients: number[], input: NotificationInput, now: Date): Promise<number> {
  return notifyMany(em, [{ recipients, input }], now);
}

export async function listNotifications(em: EntityManager, userId: number, query: { page: number; pageSize: number; unread?: boolean }): Promise<Page<NotificationDto> & { unread: number }> {
  const where = { recipient: userId, ...(query.unread ? { readAt: null } : {}) };
  const [rows, total] = await em.findAndCount(Notification, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  const unread = await em.count(Notification, { recipient: userId, readAt: null });
  return { items: rows.map(notificationDto), total, page: query.page, pageSize: query.pageSize, unread };
}

export async function markRead(em: EntityManager, userId: number, id: number | 'all', now: Date): Promise<number> {
  if (id === 'all') return em.nativeUpdate(Notification, { recipient: userId, readAt: null }, { readAt: now });
  const n = await em.nativeUpdate(Notification, { id, recipient: userId, readAt: null }, { readAt: now });
  if (n === 0 && !(await em.count(Notification, { id, recipient: userId }))) throw new NotFoundError('通知不存在', 'notification.not_found');
  return n;
}

/** Rows per multi-row INSERT. */
const CHUNK = 250;

export interface Outgoing {
  recipients: number[];
  input: NotificationInput;
}

/**
 * Many notifications in a few statements — the batch form of `notify`, with the same per-recipient dedupe key
 * (`<key>:<userId>`), so a notification either sends is deduplicated against the other.
 */
export async function notifyMany(em: EntityManager, outgoing: Outgoing[], now: Date): Promise<number> {
  const rows = outgoing.flatMap(({ recipients, input }) =>
    [...new Set(recipients)].map((id) => ({
      recipient: id,
      kind: input.kind,
      title: input.title,
      body: input.body,
      link: input.link ?? null,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId == null ? null : String(input.subjectId),
      dedupeKey: input.dedupeKey ? `${input.dedupeKey}:${id}` : null,
      createdAt: now,
    })),
  );
  let sent = 0;
  for (const part of chunks(rows, CHUNK)) {
    const sql =
      'insert into notifications (recipient_id, kind, title, body, link, subject_type, subject_id, dedupe_key, created_at)' +
      ` values ${valuesList(part.length, 9)} on conflict (dedupe_key) do nothing`;
    sent += await sqlRun(em, sql, part.flatMap((r) => [r.recipient, r.kind, r.title, r.body, r.link, r.subjectType, r.subjectId, r.dedupeKey, r.createdAt]));
  }
  return sent;
}
