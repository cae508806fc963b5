import { z } from 'zod';
import { listNotifications, markRead } from '@govdata/core';
import { idParamsSchema, notificationQuerySchema, notificationSchema, pageSchema } from '@govdata/domain';
import { route } from '../http/route';

const updatedSchema = z.object({ updated: z.number().int() });

export const notificationRoutes = [
  route({
    method: 'get',
    path: '/api/notifications',
    summary: '我的消息（站内信）',
    tags: ['消息'],
    access: 'authenticated',
    query: notificationQuerySchema,
    response: pageSchema(notificationSchema).extend({ unread: z.number().int() }),
    handler: ({ em, actor, query }) => listNotifications(em, actor.userId, query),
  }),
  route({
    method: 'post',
    path: '/api/notifications/:id/read',
    summary: '标记为已读',
    tags: ['消息'],
    access: 'authenticated',
    params: idParamsSchema,
    body: z.strictObject({}).optional(),
    response: updatedSchema,
    handler: async ({ em, actor, params, now }) => ({ updated: await markRead(em, actor.userId, params.id, now) }),
  }),
  route({
    method: 'post',
    path: '/api/notifications/read-all',
    summary: '全部标记为已读',
    tags: ['消息'],
    access: 'authenticated',
    body: z.strictObject({}).optional(),
    response: updatedSchema,
    handler: async ({ em, actor, now }) => ({ updated: await markRead(em, actor.userId, 'all', now) }),
  }),
];
