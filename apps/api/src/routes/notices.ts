import { z } from 'zod';
import { buildNoticeDocx, createNoticeDrafts, discardNoticeDraft, exportNoticesXlsx, getNotice, getNoticeSettings, issueNotice, listNotices, noticeStats, updateNoticeDraft, updateNoticeSettings } from '@govdata/supervision';
import {
  createNoticeDraftsSchema,
  departmentSummarySchema,
  idParamsSchema,
  issueResultSchema,
  NOTICE_TEMPLATES,
  noticeDocumentModel,
  noticeFactsSchema,
  noticeFilterSchema,
  noticeListItemSchema,
  noticeQuerySchema,
  noticeSchema,
  noticeSettingsSchema,
  noticeStatsQuerySchema,
  noticeTemplateSchema,
  pageSchema,
  renderNoticeHtml,
  updateNoticeDraftSchema,
  updateNoticeSettingsSchema,
  VIOLATION_TYPE_SPECS,
  violationClause,
} from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { route } from '../http/route';
import { rectificationRoutes } from './notice-rectifications';
import { sendFile } from './notice-files';

const TAGS = ['书面通报'];
const READERS = ['bureau_admin', 'leader', 'dept_admin'] as const;
const BUREAU = ['bureau_admin'] as const;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 书面通报 (第三十三条): register, settings, drafts from confirmed violations, issue, the document. */
const noticeRoutes = [
  route({
    method: 'get',
    path: '/api/notices',
    summary: '书面通报台账（按年度、部门、违规类型、状态筛选）',
    description: '平台管理员看全部（含草稿）；领导小组看全部已印发通报；部门管理员只看本部门收到的通报。',
    tags: TAGS,
    access: READERS,
    query: noticeQuerySchema,
    response: pageSchema(noticeListItemSchema),
    handler: ({ em, actor, query }) => listNotices(em, actor, query),
  }),
  route({
    method: 'get',
    path: '/api/notices/export.xlsx',
    summary: '导出书面通报台账（XLSX）',
    tags: TAGS,
    access: READERS,
    query: noticeFilterSchema,
    produces: XLSX,
    async handler({ em, actor, query, res, now }) {
      const content = await exportNoticesXlsx(em, actor, query);
      const day = shanghaiDate(now);
      sendFile(res, { content, mimeType: XLSX, fileName: `书面通报台账-${query.year ?? day}.xlsx`, asciiName: `notices-${query.year ?? day}.xlsx` });
    },
  }),
  route({
    method: 'get',
    path: '/api/notices/stats',
    summary: '各部门年度通报与整改统计（考核“违规与整改”指标）',
    tags: TAGS,
    access: ['bureau_admin', 'leader'],
    query: noticeStatsQuerySchema,
    response: z.object({ year: z.number().int(), items: z.array(noticeFactsSchema.extend({ department: departmentSummarySchema })) }),
    handler: ({ em, query }) => noticeStats(em, query.year),
  }),
  route({
    method: 'get',
    path: '/api/notices/settings',
    summary: '通报设置（发文字号代字、份头、署名、印发机关、默认抄送）',
    tags: TAGS,
    access: BUREAU,
    response: noticeSettingsSchema,
    handler: ({ em }) => getNoticeSettings(em),
  }),
  route({
    method: 'put',
    path: '/api/notices/settings',
    summary: '修改通报设置',
    description: '新代字只用于此后印发的通报；已印发的文号不变，年度序号连续。',
    tags: TAGS,
    access: BUREAU,
    body: updateNoticeSettingsSchema,
    response: noticeSettingsSchema,
    handler: ({ em, actor, body, now }) => updateNoticeSettings(em, actor, body, now),
  }),
  route({
    method: 'get',
    path: '/api/notices/templates',
    summary: '各违规类型的通报模板（事由、依据条款、问题表述、整改要求）',
    tags: TAGS,
    access: BUREAU,
    response: z.array(noticeTemplateSchema),
    handler: async () =>
      Object.values(NOTICE_TEMPLATES).map((t) => ({ ...t, typeLabel: VIOLATION_TYPE_SPECS[t.type].short, clause: violationClause(t.type) })),
  }),
  route({
    method: 'post',
    path: '/api/notices',
    summary: '由已确认的违规记录生成通报草稿（按部门分组，每个主送部门一份）',
    description: '返回生成的全部草稿（数组）。违规记录须为“已确认”且未列入其他通报。',
    tags: TAGS,
    access: BUREAU,
    body: createNoticeDraftsSchema,
    response: z.array(noticeSchema),
    status: 201,
    handler: ({ em, actor, body, now, app }) => createNoticeDrafts(em, actor, body, { calendar: app.calendar, now }),
  }),
  route({
    method: 'get',
    path: '/api/notices/:id',
    summary: '通报详情（正文、违规事实、整改期限、整改报告与附件）',
    tags: TAGS,
    access: READERS,
    params: idParamsSchema,
    response: noticeSchema,
    handler: ({ em, actor, params, now, app }) => getNotice(em, actor, params.id, { calendar: app.calendar, now }),
  }),
  route({
    method: 'patch',
    path: '/api/notices/:id',
    summary: '修改通报草稿（标题、正文、抄送、签发人、整改期限）',
    description: '整改期限二选一：rectifyWithinWorkingDays（印发之日起 N 个工作日）或 rectifyBy（指定截止日期）。正文须保留“【整改期限】”。',
    tags: TAGS,
    access: BUREAU,
    params: idParamsSchema,
    body: updateNoticeDraftSchema,
    response: noticeSchema,
    handler: ({ em, actor, params, body, now, app }) => updateNoticeDraft(em, actor, params.id, body, { calendar: app.calendar, now }),
  }),
  route({
    method: 'delete',
    path: '/api/notices/:id',
    summary: '删除通报草稿（所列违规记录可重新生成通报）',
    tags: TAGS,
    access: BUREAU,
    params: idParamsSchema,
    status: 204,
    handler: ({ em, actor, params, now }) => discardNoticeDraft(em, actor, params.id, now),
  }),
  route({
    method: 'post',
    path: '/api/notices/:id/issue',
    summary: '印发通报：生成发文字号，开始整改期限',
    tags: TAGS,
    access: BUREAU,
    params: idParamsSchema,
    body: z.strictObject({}).optional(),
    response: issueResultSchema,
    handler: ({ em, actor, params, now, app }) => issueNotice(em, actor, params.id, { calendar: app.calendar, now }),
  }),
  route({
    method: 'get',
    path: '/api/notices/:id/document',
    summary: '通报公文（DOCX，GB/T 9704-2012 版式），文件名为发文字号',
    tags: TAGS,
    access: READERS,
    params: idParamsSchema,
    produces: DOCX,
    async handler({ em, actor, params, now, app, res }) {
      const notice = await getNotice(em, actor, params.id, { calendar: app.calendar, now });
      const content = await buildNoticeDocx(noticeDocumentModel(notice, shanghaiDate(now)));
      const base = notice.number ?? `通报草稿-${notice.id}`;
      const ascii = notice.number ? `notice-${notice.year}-${notice.sequence}` : `notice-draft-${notice.id}`;
      sendFile(res, { content, mimeType: DOCX, fileName: `${base}.docx`, asciiName: `${ascii}.docx` });
    },
  }),
  route({
    method: 'get',
    path: '/api/notices/:id/preview',
    summary: '通报打印预览（HTML，A4 公文版式）',
    tags: TAGS,
    access: READERS,
    params: idParamsSchema,
    produces: 'text/html',
    async handler({ em, actor, params, now, app, res }) {
      const notice = await getNotice(em, actor, params.id, { calendar: app.calendar, now });
      res.status(200).type('text/html; charset=utf-8').setHeader('Cache-Control', 'private, no-store');
      res.send(renderNoticeHtml(noticeDocumentModel(notice, shanghaiDate(now))));
    },
  }),
];

export const noticesRoutes = [...noticeRoutes, ...rectificationRoutes];
