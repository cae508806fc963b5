import type { NotificationDto, Page, Role } from '@govdata/domain';
import { NotFoundError } from '@govdata/domain';
import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { Notification, User, type INotification } from '../entities';
import { notifyMany } from '../sweep/batch-writes';

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
