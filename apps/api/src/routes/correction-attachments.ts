import { attachmentParamsSchema, attachmentUploadQuerySchema, ATTACHMENT_LIMITS, correctionAttachmentSchema, correctionAttachmentsSchema, idParamsSchema } from '@govdata/domain';
import { listCorrectionAttachments, readCorrectionAttachment, uploadCorrectionAttachment } from '@govdata/lifecycle';
import { route } from '../http/route';
import { readUpload, sendFile } from './notice-files';

const TAGS = ['纠错反馈（第十七条）'];

/** 纠错佐证材料 (第十七条): files either side attaches to a correction — the reporter's evidence, the provider's check. */
export const correctionAttachmentRoutes = [
  route({
    method: 'post',
    path: '/api/corrections/:id/attachments',
    summary: '上传纠错佐证材料（请求体为文件本身，文件名在 name 参数）',
    description: `反馈部门或提供部门上传；管理局裁定后不能再补充。单个附件不超过 ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB，每条纠错最多 ${ATTACHMENT_LIMITS.maxPerReport} 个；类型：${ATTACHMENT_LIMITS.extensions.join('、')}。`,
    tags: TAGS,
    access: ['dept_admin', 'dept_agent'],
    params: idParamsSchema,
    query: attachmentUploadQuerySchema,
    response: correctionAttachmentSchema,
    status: 201,
    // the file is read (bounded) before the transaction starts, so a slow upload holds no database connection
    transactional: false,
    async handler({ em, actor, params, query, req, now }) {
      const file = await readUpload(req, ATTACHMENT_LIMITS.maxBytes);
      return em.transactional((tx) => uploadCorrectionAttachment(tx, actor, params.id, { name: query.name, ...file }, now));
    },
  }),
  route({
    method: 'get',
    path: '/api/corrections/:id/attachments',
    summary: '纠错佐证材料列表',
    tags: TAGS,
    access: 'authenticated',
    params: idParamsSchema,
    response: correctionAttachmentsSchema,
    handler: ({ em, actor, params }) => listCorrectionAttachments(em, actor, params.id),
  }),
  route({
    method: 'get',
    path: '/api/corrections/:id/attachments/:attachmentId',
    summary: '下载纠错佐证材料',
    tags: TAGS,
    access: 'authenticated',
    params: attachmentParamsSchema,
    produces: 'application/octet-stream',
    async handler({ em, actor, params, res }) {
      const file = await readCorrectionAttachment(em, actor, params.id, params.attachmentId);
      sendFile(res, { content: file.content, mimeType: file.mimeType, fileName: file.name, asciiName: `correction-${params.id}-${params.attachmentId}${file.name.slice(file.name.lastIndexOf('.'))}` });
    },
  }),
];
