import { z } from 'zod';
import { pageQuerySchema, queryBoolean } from './common';

export const notificationSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationDto = z.infer<typeof notificationSchema>;

export const notificationQuerySchema = pageQuerySchema.extend({ unread: queryBoolean.optional() });
