import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import {
  assertCanAttach,
  ATTACHMENT_LIMITS,
  cleanAttachmentName,
  NotFoundError,
  RuleViolationError,
  ValidationError,
  type Actor,
  type CorrectionAttachmentDto,
} from '@govdata/domain';
import { audit, departmentSummary } from '@govdata/core';
import type { ICorrection } from './entities/correction.entity';
import { readableCorrection } from './corrections';
import { CorrectionAttachment, type ICorrectionAttachment } from './entities/correction-attachment.entity';

/** The side of the correction the actor's department is on (for the audit row), or null. */
function sideOf(actor: Actor, c: ICorrection): 'provider' | 'reporter' | null {
  if (actor.departmentId === c.provider.id) return 'provider';
  if (c.reporter && actor.departmentId === c.reporter.id) return 'reporter';
  return null;
}

function dto(a: ICorrectionAttachment): CorrectionAttachmentDto {
  return {
    id: a.id,
    name: a.name,
    mimeType: a.mimeType,
    size: a.size,
    sha256: a.sha256,
    department: departmentSummary(a.department.getEntity()),
    uploadedBy: a.uploadedByName,
    uploadedAt: a.uploadedAt.toISOString(),
  };
}

/**
 * 纠错佐证材料 (第十七条): the data officer of either side attaches a file — the reporter its evidence of the error, the
 * provider its check — until the bureau has decided a contest (then the record is closed). Bounded, audited.
 */
export async function uploadCorrectionAttachment(em: EntityManager, actor: Actor, id: number, file: { name: string; content: Buffer; mimeType: string }, now: Date): Promise<CorrectionAttachmentDto> {
  const c = await readableCorrection(em, actor, id);
  assertCanAttach(actor, { status: c.status, providerId: c.provider.id, reporterId: c.reporter?.id ?? null, contestedAt: c.contestedAt ?? null });
  const side = sideOf(actor, c);
  const name = cleanAttachmentName(file.name);
  if (file.content.length === 0) throw new ValidationError('附件内容为空，请选择文件后上传', [], 'correction.attachment_empty');
  if ((await em.count(CorrectionAttachment, { correction: c.id })) >= ATTACHMENT_LIMITS.maxPerReport) {
    throw new RuleViolationError(`每条纠错反馈最多 ${ATTACHMENT_LIMITS.maxPerReport} 个附件`, 'correction.attachment_count');
  }
  const a = em.create(CorrectionAttachment, {
    correction: c,
    department: actor.departmentId,
    name,
    mimeType: /^[\w.+-]+\/[\w.+-]+$/.test(file.mimeType) ? file.mimeType.slice(0, 100) : 'application/octet-stream',
    size: file.content.length,
    sha256: createHash('sha256').update(file.content).digest('hex'),
    content: file.content,
    uploadedBy: actor.userId,
    uploadedByName: actor.displayName.slice(0, 60),
    uploadedAt: now,
  });
  await em.flush();
  audit(em, { actor, action: 'correction.attachment_upload', subjectType: 'correction', subjectId: c.id, after: { attachmentId: a.id, side, name, size: a.size, sha256: a.sha256 }, at: now });
  await em.flush();
  await em.populate(a, ['department']);
  return dto(a);
}

/** The attachments of a correction, for those who may read it. */
export async function listCorrectionAttachments(em: EntityManager, actor: Actor, id: number): Promise<{ items: CorrectionAttachmentDto[] }> {
  const c = await readableCorrection(em, actor, id);
  const rows = await em.find(CorrectionAttachment, { correction: c.id }, { populate: ['department'], orderBy: { id: 'asc' } });
  return { items: rows.map(dto) };
}

/** One attachment's bytes, for those who may read the correction. */
export async function readCorrectionAttachment(em: EntityManager, actor: Actor, id: number, attachmentId: number): Promise<{ name: string; mimeType: string; content: Buffer }> {
  const c = await readableCorrection(em, actor, id);
  const a = await em.findOne(CorrectionAttachment, { id: attachmentId, correction: c.id }, { populate: ['content'] });
  if (!a) throw new NotFoundError(`附件 ${attachmentId} 不存在`, 'correction.attachment_not_found');
  return { name: a.name, mimeType: a.mimeType, content: a.content as Buffer };
}
