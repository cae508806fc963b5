import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { RectificationStatus } from '@govdata/domain';
import { Department, User } from '@govdata/core';
import { Notice } from './notice.entity';

/** 整改情况报告 — a department's report on a notice; the bureau accepts it or returns it with a reason. */
export const Rectification = defineEntity({
  name: 'Rectification',
  tableName: 'notice_rectifications',
  properties: {
    id: p.integer().primary(),
    notice: () => p.manyToOne(Notice).ref().index(),
    department: () => p.manyToOne(Department).ref(),
    text: p.text(),
    status: p.string().length(12).$type<RectificationStatus>(),
    submittedAt: p.datetime(),
    submittedBy: () => p.manyToOne(User).ref(),
    decidedAt: p.datetime().nullable(),
    decidedBy: () => p.manyToOne(User).ref().nullable(),
    comment: p.text().nullable(),
  },
});
export type IRectification = InferEntity<typeof Rectification>;

/**
 * A file attached to a rectification report, stored in the database (bytes with name, type, size and SHA-256) so
 * that backups, transactions and both dialects cover it; 10 MB at most each. Uploaded first (rectification null),
 * then bound to the report it is submitted with.
 */
export const NoticeAttachment = defineEntity({
  name: 'NoticeAttachment',
  tableName: 'notice_attachments',
  properties: {
    id: p.integer().primary(),
    notice: () => p.manyToOne(Notice).ref().index(),
    rectification: () => p.manyToOne(Rectification).ref().nullable().index(),
    department: () => p.manyToOne(Department).ref(),
    name: p.string().length(120),
    mimeType: p.string().length(100),
    size: p.integer(),
    sha256: p.string().length(64),
    content: p.blob().lazy(true, false),
    uploadedBy: () => p.manyToOne(User).ref(),
    uploadedAt: p.datetime(),
  },
});
export type INoticeAttachment = InferEntity<typeof NoticeAttachment>;
