import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from './user.entity';

/** In-app inbox message for one user. */
export const Notification = defineEntity({
  name: 'Notification',
  tableName: 'notifications',
  indexes: [{ properties: ['recipient', 'readAt'] }],
  properties: {
    id: p.integer().primary(),
    recipient: () => p.manyToOne(User).ref(),
    kind: p.string().length(40),
    title: p.string().length(200),
    body: p.text(),
    link: p.string().length(300).nullable(),
    subjectType: p.string().length(40).nullable(),
    subjectId: p.string().length(64).nullable(),
    /** makes "one notification per item per day" a database guarantee */
    dedupeKey: p.string().length(160).nullable().unique(),
    createdAt: p.datetime(),
    readAt: p.datetime().nullable(),
  },
});
export type INotification = InferEntity<typeof Notification>;
