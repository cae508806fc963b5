import { contestCorrectionSchema, correctionSchema, createPublicCorrectionSchema, datasetNameParamsSchema, idParamsSchema, periodText, publicCorrectionsSchema } from '@govdata/domain';
import { contestPublicCorrection, listPublicCorrections, reportCorrection } from '@govdata/lifecycle';
import { publicActorName, visibleDataset } from '@govdata/opendata';
import { z } from 'zod';
import { route } from '../http/route';

const TAGS = ['开放：纠错（门户，第十七条）'];

/**
 * 纠错 by the public (第十七条 “any consumer”, issue 16 item 5): a signed-in portal user reports a suspected error in an
 * open dataset; it is a correction like a department's — the provider's 5-working-day check, (五) when missed — with
 * the public account as reporter; the user follows it under 我的账户 and may contest the answer once.
 */
export const openCorrectionRoutes = [
  route({
    method: 'post',
    path: '/api/open/datasets/:name/corrections',
    summary: `对开放数据集提出纠错（提供部门 ${periodText('correction_feedback')}内校核答复）`,
    tags: TAGS,
    access: 'public_user',
    params: datasetNameParamsSchema,
    body: createPublicCorrectionSchema,
    response: z.object({ id: z.number().int(), code: z.string(), status: z.literal('open'), dueAt: z.string(), dueDate: z.string() }),
    status: 201,
    async handler({ em, publicUser, params, body, now, app }) {
      const dataset = await visibleDataset(em, params.name);
      // the report shows the user's name; the audit row names the account (开放平台用户 name(#id))
      return reportCorrection({ em, now, calendar: app.calendar }, { departmentId: null, publicUserId: publicUser.userId, userId: null, name: publicUser.displayName, channel: 'portal' }, { ...body, entryId: dataset.entryId }, null);
    },
  }),
  route({
    method: 'get',
    path: '/api/open/corrections',
    summary: '本人提出的纠错反馈（状态、校核期限、答复）',
    tags: TAGS,
    access: 'public_user',
    response: publicCorrectionsSchema,
    handler: ({ em, publicUser, now, app }) => listPublicCorrections({ em, now, calendar: app.calendar }, publicUser.userId),
  }),
  route({
    method: 'post',
    path: '/api/open/corrections/:id/contest',
    summary: '对答复提出异议（一次，由政务信息管理局裁定）',
    tags: TAGS,
    access: 'public_user',
    params: idParamsSchema,
    body: contestCorrectionSchema,
    response: correctionSchema,
    handler: ({ em, publicUser, params, body, now, app }) =>
      contestPublicCorrection({ em, now, calendar: app.calendar }, { userId: publicUser.userId, name: publicActorName({ id: publicUser.userId, displayName: publicUser.displayName }) }, params.id, body),
  }),
];
