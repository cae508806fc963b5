import type { CallStatus } from '@govdata/domain';
import {
  answerOpenApplicationSchema,
  datasetNameParamsSchema,
  DomainError,
  idParamsSchema,
  openApplicationFormSchema,
  openApplicationQuerySchema,
  openApplicationSchema,
  openRowsQuerySchema,
  openRowsSchema,
  pageSchema,
  ServiceUnavailableError,
  submitOpenApplicationSchema,
} from '@govdata/domain';
import {
  answerOpenApplication,
  authenticateApiKey,
  getOpenApplication,
  listOpenApplications,
  myOpenApplications,
  openApplicationForm,
  presentedKey,
  serveOpenRows,
  submitOpenApplication,
  touchApiKey,
  type OpenCallFacts,
} from '@govdata/opendata';
import { sm3Hex } from '@govdata/gateway';
import { shanghaiDate } from '@govdata/workdays';
import { z } from 'zod';
import { route } from '../http/route';
import { callStatusOf, gatewayState } from './gateway';

const PORTAL = ['开放：依申请开放（门户）'];
const CONSOLE = ['开放：开放申请（管理端）'];
const API = ['开放：开放接口'];

/**
 * 依申请开放 (第二十四条). Portal: the form of a dataset, submitting, 我的申请. Console: the provider's (and the
 * bureau's) applications and the answer. Open API: rows through a public user's API key, recorded as calls.
 */
export const openApplicationRoutes = [
  route({
    method: 'get',
    path: '/api/open/applications/form/:name',
    summary: '开放申请表：依申请开放数据集的可申请信息项、答复时限和使用协议',
    tags: PORTAL,
    access: 'public',
    params: datasetNameParamsSchema,
    response: openApplicationFormSchema,
    handler: ({ em, params, now }) => openApplicationForm(em, params.name, now),
  }),
  route({
    method: 'post',
    path: '/api/open/applications',
    summary: '提交开放申请（第二十四条：提供部门自收到之日起在规定时限内答复）',
    tags: PORTAL,
    access: 'public_user',
    body: submitOpenApplicationSchema,
    response: openApplicationSchema,
    status: 201,
    handler: ({ em, publicUser, body, now, app }) => submitOpenApplication({ em, now, calendar: app.calendar }, publicUser, body),
  }),
  route({
    method: 'get',
    path: '/api/open/applications',
    summary: '我的开放申请（状态、答复时限）',
    tags: PORTAL,
    access: 'public_user',
    response: z.array(openApplicationSchema),
    handler: ({ em, publicUser, now, app }) => myOpenApplications({ em, now, calendar: app.calendar }, publicUser),
  }),

  route({
    method: 'get',
    path: '/api/open-applications',
    summary: '开放申请（提供部门看本部门收到的，政务信息管理局和领导看全部）',
    tags: CONSOLE,
    access: ['dept_admin', 'bureau_admin', 'leader'],
    query: openApplicationQuerySchema,
    response: pageSchema(openApplicationSchema),
    handler: ({ em, actor, query, now, app }) => listOpenApplications({ em, now, calendar: app.calendar }, actor, query),
  }),
  route({
    method: 'get',
    path: '/api/open-applications/:id',
    summary: '开放申请详情',
    tags: CONSOLE,
    access: ['dept_admin', 'bureau_admin', 'leader'],
    params: idParamsSchema,
    response: openApplicationSchema,
    handler: ({ em, actor, params, now, app }) => getOpenApplication({ em, now, calendar: app.calendar }, actor, params.id),
  }),
  route({
    method: 'post',
    path: '/api/open-applications/:id/answer',
    summary: '答复开放申请：同意（开放条件、有效期）或不同意（理由和依据）',
    tags: CONSOLE,
    access: ['dept_admin'],
    params: idParamsSchema,
    body: answerOpenApplicationSchema,
    response: openApplicationSchema,
    handler: ({ em, actor, params, body, now, app }) => answerOpenApplication({ em, now, calendar: app.calendar }, actor, params.id, body),
  }),

  route({
    method: 'get',
    path: '/api/open/v1/datasets/:name/rows',
    summary: '开放接口：用密钥读取数据集的数据（脱敏后）',
    description:
      '以 Authorization: Bearer <开放接口密钥>（或 X-API-Key）调用；page、pageSize（≤ 100）。无条件开放的数据集返回全部开放信息项；依申请开放的只返回经提供部门同意、仍在有效期内的申请所列信息项。敏感信息项按脱敏规则处理。每个密钥每分钟 60 次、每日 10,000 次（429，Retry-After）。每次调用（含被拒绝的）都写入调用记录。',
    tags: API,
    access: 'public',
    params: datasetNameParamsSchema,
    query: openRowsQuerySchema,
    response: openRowsSchema,
    async handler({ em, params, query, req, res, app, now }) {
      const started = performance.now();
      const state = gatewayState(app);
      const facts: OpenCallFacts = { entryId: null, datasetVersion: null, fieldsReturned: [], rowCount: 0 };
      const realNow = new Date();
      let clientId: string | null = null;
      let status: CallStatus = 'ok';
      let httpStatus = 200;
      let responseHash: string | null = null;
      let body: string | null = null;
      let failure: unknown = null;
      try {
        const key = await authenticateApiKey(em, presentedKey(req.headers as never));
        clientId = `open:${key.prefix}`;
        const result = await serveOpenRows(em, { rate: state.rate, quota: state.quota, hash: state.hash }, { key, name: params.name, query, today: shanghaiDate(now), realNow }, facts);
        await touchApiKey(em, key.keyId, realNow);
        body = JSON.stringify(result);
        responseHash = sm3Hex(body);
      } catch (e) {
        failure = e;
        httpStatus = e instanceof DomainError ? e.status : 500;
        status = callStatusOf(e, httpStatus);
        if (httpStatus === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="govdata-open"');
      }
      // the record first, the answer after, as the gateway: no data leaves without its record (第十六条(四)); a call
      // without a valid key names no user and is recorded all the same
      try {
        await state.recorder.record({
          at: realNow,
          systemId: null,
          clientId,
          departmentId: null,
          entryId: facts.entryId,
          grantId: null,
          datasetVersion: facts.datasetVersion,
          queryFields: [],
          queryHash: null,
          fieldsReturned: facts.fieldsReturned,
          rowCount: facts.rowCount,
          status,
          httpStatus,
          latencyMs: Math.round(performance.now() - started),
          responseHash,
        });
      } catch (e) {
        if (failure === null) {
          app.log.error('open API call record not written', e);
          throw new ServiceUnavailableError('调用记录暂时无法写入；为保证每次调用留痕，本次不返回数据，请稍后重试', 'open_rows.record_unavailable');
        }
      }
      if (failure !== null) throw failure;
      res.setHeader('Cache-Control', 'no-store');
      res.status(200).type('application/json').send(body);
      return undefined as never;
    },
  }),
];
