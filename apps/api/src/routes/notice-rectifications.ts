import { acceptRectification, deleteAttachment, readAttachment, returnRectification, submitRectification, uploadAttachment } from '@govdata/supervision';
import {
  acceptRectificationSchema,
  attachmentParamsSchema,
  attachmentUploadQuerySchema,
  ATTACHMENT_LIMITS,
  idParamsSchema,
  noticeAttachmentSchema,
  noticeSchema,
  returnRectificationSchema,
  submitRectificationSchema,
} from '@govdata/domain';
import { route } from '../http/route';
import { readUpload, sendFile } from './notice-files';

const TAGS = ['书面通报'];

/** 整改: the addressed department reports (text and attachments), the bureau accepts or returns with a reason. */
export const rectificationRoutes = [
  route({
    method: 'post',
    path: '/api/notices/:id/attachments',
    summary: '上传整改佐证材料（请求体为文件本身，文件名在 name 参数）',
    description: `被通报部门的数据管理员上传，报送整改报告时一并提交。单个附件不超过 ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB；类型：${ATTACHMENT_LIMITS.extensions.join('、')}。`,
    tags: TAGS,
    access: ['dept_admin'],
    params: idParamsSchema,
    query: attachmentUploadQuerySchema,
    response: noticeAttachmentSchema,
    status: 201,
    // the file is read before the transaction starts, so a slow upload holds no database connection
    transactional: false,
    async handler({ em, actor, params, query, req, now }) {
      const file = await readUpload(req, ATTACHMENT_LIMITS.maxBytes);
      return em.transactional((tx) => uploadAttachment(tx, actor, params.id, { name: query.name, ...file }, now));
    },
  }),
  route({
    method: 'delete',
    path: '/api/notices/:id/attachments/:attachmentId',
    summary: '删除尚未报送的整改附件',
    tags: TAGS,
    access: ['dept_admin'],
    params: attachmentParamsSchema,
    status: 204,
    handler: ({ em, actor, params, now }) => deleteAttachment(em, actor, params.id, params.attachmentId, now),
  }),
  route({
    method: 'get',
    path: '/api/notices/:id/attachments/:attachmentId',
    summary: '下载整改附件',
    tags: TAGS,
    access: ['bureau_admin', 'leader', 'dept_admin'],
    params: attachmentParamsSchema,
    produces: 'application/octet-stream',
    async handler({ em, actor, params, res }) {
      const file = await readAttachment(em, actor, params.id, params.attachmentId);
      sendFile(res, { content: file.content, mimeType: file.mimeType, fileName: file.name, asciiName: `attachment-${params.attachmentId}${file.name.slice(file.name.lastIndexOf('.'))}` });
    },
  }),
  route({
    method: 'post',
    path: '/api/notices/:id/rectifications',
    summary: '报送整改情况报告（文字说明与已上传的附件）',
    description: '仅被通报部门的数据管理员；已印发、被退回或已逾期的通报均可报送（逾期报送记为逾期整改）。',
    tags: TAGS,
    access: ['dept_admin'],
    params: idParamsSchema,
    body: submitRectificationSchema,
    response: noticeSchema,
    status: 201,
    handler: ({ em, actor, params, body, now, app }) => submitRectification(em, actor, params.id, body, { calendar: app.calendar, now }),
  }),
  route({
    method: 'post',
    path: '/api/notices/:id/accept',
    summary: '验收整改：通过后通报办结，所列违规记录办结，整改期限完成',
    tags: TAGS,
    access: ['bureau_admin'],
    params: idParamsSchema,
    body: acceptRectificationSchema.optional(),
    response: noticeSchema,
    handler: ({ em, actor, params, body, now, app }) => acceptRectification(em, actor, params.id, body ?? {}, { calendar: app.calendar, now }),
  }),
  route({
    method: 'post',
    path: '/api/notices/:id/return',
    summary: '退回整改报告（须说明理由），部门可在期限内重新报送',
    tags: TAGS,
    access: ['bureau_admin'],
    params: idParamsSchema,
    body: returnRectificationSchema,
    response: noticeSchema,
    handler: ({ em, actor, params, body, now, app }) => returnRectification(em, actor, params.id, body, { calendar: app.calendar, now }),
  }),
];
