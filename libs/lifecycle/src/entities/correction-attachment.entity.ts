import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Department, User } from '@govdata/core';
import { Correction } from './correction.entity';

/**
 * 纠错佐证材料 (第十七条): a file either side of a correction attaches — the reporter's evidence of the error, the
 * provider's of its check. Stored in the database like the notices' attachments (bytes, name, type, size, SHA-256),
 * so backups, transactions and both dialects cover it; 10 MB and 10 files per correction at most.
 */
export const CorrectionAttachment = defineEntity({
  name: 'CorrectionAttachment',
  tableName: 'correction_attachments',
  properties: {
    id: p.integer().primary(),
    correction: () => p.manyToOne(Correction).ref().index(),
    /** the side that attached it */
    department: () => p.manyToOne(Department).ref(),
    name: p.string().length(120),
    mimeType: p.string().length(100),
    size: p.integer(),
    sha256: p.string().length(64),
    content: p.blob().lazy(true, false),
    uploadedBy: () => p.manyToOne(User).ref(),
    uploadedByName: p.string().length(60),
    uploadedAt: p.datetime(),
  },
});
export type ICorrectionAttachment = InferEntity<typeof CorrectionAttachment>;
