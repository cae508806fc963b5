import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import {
  datasetListSchema,
  datasetPreviewSchema,
  datasetUploadQuerySchema,
  datasetUploadResultSchema,
  datasetVersionSchema,
  DomainError,
  gatewayRecordsSchema,
  idParamsSchema,
  idSchema,
  PayloadTooLargeError,
  systemCredentialsSchema,
  systemInputSchema,
  systemPatchSchema,
  systemSchema,
  tokenRequestSchema,
  tokenResponseSchema,
  grantLimitsInputSchema,
  grantUsageSchema,
  ServiceUnavailableError,
  ValidationError,
  callRecordQuerySchema,
  callRecordSchema,
  CALL_STATUS_LABELS,
  certificateQuerySchema,
  chainVerificationSchema,
  pageSchema,
  type CallStatus,
} from '@govdata/domain';
import { shanghaiCell, xlsxTable } from '@govdata/core';
import { sendFile } from './catalog-files';
import { shanghaiDate } from '@govdata/workdays';
import {
  clientCredentialsOf,
  emptyFacts,
  gatewayKeysFrom,
  grantUsage,
  setGrantLimits,
  issueToken,
  listDatasetVersions,
  callCertificate,
  certificatePdf,
  pdfFont,
  callRecordDtos,
  callRecordStats,
  callRecordWhere,
  callSealKey,
  CallRecord,
  CallRecorder,
  listCallRecords,
  listSystems,
  verifyCallChain,
  loadGatewayKeys,
  previewDataset,
  publishDatasetVersion,
  QuotaCounter,
  RateWindow,
  registerSystem,
  rotateSystemSecret,
  serveRecords,
  setSystemStatus,
  sm3Hex,
  uploadDataset,
  valueHasher,
  verifyAccessToken,
  type CallFacts,
  type GatewayKeys,
} from '@govdata/gateway';
import type { AppContext } from '../context';
import { route } from '../http/route';
import { XLSX_MIME } from '@govdata/catalog';
import { lifecycleHeaders } from '@govdata/lifecycle';

/** The gateway's per-process state: its keys (from GOVDATA_GATEWAY_SECRET; random per process in tests), the rate windows. */
interface GatewayState {
  keys: GatewayKeys;
  hash: (text: string) => string;
  rate: RateWindow;
  quota: QuotaCounter;
  recorder: CallRecorder;
}
const states = new WeakMap<AppContext, GatewayState>();
export function gatewayState(app: AppContext): GatewayState {
  let s = states.get(app);
  if (!s) {
    const keys = app.config.gatewaySecretFile ? loadGatewayKeys(app.config.gatewaySecretFile, { create: !app.config.production }) : gatewayKeysFrom(randomBytes(32));
    const quota = new QuotaCounter(() => app.db.fork());
    s = { keys, hash: valueHasher(keys), rate: new RateWindow(), quota, recorder: new CallRecorder(() => app.db.fork(), quota) };
    states.set(app, s);
  }
  return s;
}

/** Datasets up to 512 MB and 5,000,000 rows per upload (a million rows of 16 items is ~230 MB of CSV; docs/gateway.md: what serves well, what changes beyond). */
export const DATASET_MAX_BYTES = 512 * 1024 * 1024;
export const DATASET_MAX_ROWS = 5_000_000;

function uploadFormat(req: Request): 'csv' | 'xlsx' {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/csv' || type === 'application/csv') return 'csv';
  if (type === XLSX_MIME) return 'xlsx';
  throw new ValidationError(`请以请求体直接上传数据文件：CSV（Content-Type: text/csv）或 .xlsx（Content-Type: ${XLSX_MIME}）`, [], 'dataset.upload_type');
}

const datasetTags = ['数据集'];
const systemTags = ['接入系统'];
const gatewayTags = ['共享网关'];
const entryParams = z.strictObject({ id: idSchema });

export const gatewayRoutes = [
  route({
    method: 'post',
    path: '/api/catalog/entries/:id/datasets',
    summary: '上传数据版本（CSV 或 .xlsx，表头为信息项名称或字段名）',
    description: `请求体为文件本身：CSV（Content-Type: text/csv，UTF-8 或 GB18030，可用 encoding 参数指明）或 .xlsx（Content-Type: ${XLSX_MIME}），上限 512 MB。逐行按信息项校验类型和必填，错误指明行号和列名；有错误时不保存任何数据。`,
    tags: datasetTags,
    access: ['bureau_admin', 'dept_admin'],
    params: entryParams,
    query: datasetUploadQuerySchema,
    response: datasetUploadResultSchema,
    status: 201,
    async handler({ em, actor, now, params, query, req }) {
      const format = uploadFormat(req);
      if (Number(req.headers['content-length'] ?? 0) > DATASET_MAX_BYTES) {
        req.resume();
        throw new PayloadTooLargeError(`数据文件超过 ${DATASET_MAX_BYTES / 1024 / 1024} MB 上限；更大的数据请拆分，或登记接口服务由平台代理`, 'dataset.too_large');
      }
      return uploadDataset({ em, actor, now }, params.id, { body: req, format, encoding: query.encoding, filename: query.filename, maxBytes: DATASET_MAX_BYTES, maxRows: DATASET_MAX_ROWS });
    },
  }),
  route({
    method: 'get',
    path: '/api/catalog/entries/:id/datasets',
    summary: '资源的数据版本（新的在前）',
    tags: datasetTags,
    access: 'authenticated',
    params: entryParams,
    response: datasetListSchema,
    async handler({ em, actor, now, params }) {
      return listDatasetVersions({ em, actor, now }, params.id);
    },
  }),
  route({
    method: 'get',
    path: '/api/catalog/entries/:id/datasets/preview',
    summary: '预览数据前 20 行（按脱敏规则处理，与调用方所见一致）',
    tags: datasetTags,
    access: 'authenticated',
    params: entryParams,
    query: z.object({ versionId: z.coerce.number().int().positive().optional() }),
    response: datasetPreviewSchema,
    async handler({ em, actor, now, params, query, app }) {
      return previewDataset({ em, actor, now, hash: gatewayState(app).hash }, params.id, query.versionId);
    },
  }),
  route({
    method: 'post',
    path: '/api/datasets/:id/publish',
    summary: '发布数据版本：成为现行版本，原现行版本保留 30 天可读',
    tags: datasetTags,
    access: ['bureau_admin', 'dept_admin'],
    params: idParamsSchema,
    response: datasetVersionSchema,
    async handler({ em, actor, now, params }) {
      return publishDatasetVersion({ em, actor, now }, params.id);
    },
  }),

  route({
    method: 'get',
    path: '/api/systems',
    summary: '接入系统列表（本部门；平台管理员和领导可看全部）',
    tags: systemTags,
    access: 'authenticated',
    query: z.object({ departmentId: z.coerce.number().int().positive().optional() }),
    response: z.object({ items: z.array(systemSchema) }),
    async handler({ em, actor, query }) {
      return { items: await listSystems({ em, actor }, query.departmentId) };
    },
  }),
  route({
    method: 'post',
    path: '/api/systems',
    summary: '登记接入系统（返回的 clientSecret 只显示这一次）',
    tags: systemTags,
    access: ['bureau_admin', 'dept_admin'],
    body: systemInputSchema,
    response: systemCredentialsSchema,
    status: 201,
    async handler({ em, actor, now, body }) {
      return registerSystem({ em, actor, now }, body);
    },
  }),
  route({
    method: 'post',
    path: '/api/systems/:id/rotate-secret',
    summary: '重置接入系统密钥（旧密钥立即失效，新密钥只显示这一次）',
    tags: systemTags,
    access: ['bureau_admin', 'dept_admin'],
    params: idParamsSchema,
    response: systemCredentialsSchema,
    async handler({ em, actor, now, params }) {
      return rotateSystemSecret({ em, actor, now }, params.id);
    },
  }),
  route({
    method: 'patch',
    path: '/api/systems/:id',
    summary: '停用或启用接入系统（停用后下一次调用即被拒绝）',
    tags: systemTags,
    access: ['bureau_admin', 'dept_admin'],
    params: idParamsSchema,
    body: systemPatchSchema,
    response: systemSchema,
    async handler({ em, actor, now, params, body }) {
      return setSystemStatus({ em, actor, now }, params.id, body.status);
    },
  }),

  route({
    method: 'get',
    path: '/api/share-grants/:id/usage',
    summary: '授权的调用额度与用量：每分钟上限、每日配额（本授权设定的或平台默认）和近 14 天每日调用次数',
    tags: gatewayTags,
    access: 'authenticated',
    params: idParamsSchema,
    response: grantUsageSchema,
    handler: ({ em, actor, realNow, params }) => grantUsage({ em, actor, realNow }, params.id),
  }),
  route({
    method: 'put',
    path: '/api/share-grants/:id/limits',
    summary: '设定授权的调用额度（提供部门数据共享责任人或平台管理员；记入审计日志）',
    tags: gatewayTags,
    access: ['bureau_admin', 'dept_admin'],
    params: idParamsSchema,
    body: grantLimitsInputSchema,
    response: grantUsageSchema,
    handler: ({ em, actor, realNow, params, body }) => setGrantLimits({ em, actor, realNow }, params.id, body),
  }),
  route({
    method: 'delete',
    path: '/api/share-grants/:id/limits',
    summary: '授权的调用额度恢复为平台默认（记入审计日志）',
    tags: gatewayTags,
    access: ['bureau_admin', 'dept_admin'],
    params: idParamsSchema,
    response: grantUsageSchema,
    handler: ({ em, actor, realNow, params }) => setGrantLimits({ em, actor, realNow }, params.id, null),
  }),
  route({
    method: 'post',
    path: '/api/oauth/token',
    summary: 'OAuth 2.0 客户端凭据模式申请访问令牌（RFC 6749 §4.4）',
    description: '请求体为 application/x-www-form-urlencoded：grant_type=client_credentials，client_id 与 client_secret 放在表单中或以 HTTP Basic 提供。令牌有效期 10 分钟。',
    tags: gatewayTags,
    access: 'public',
    body: tokenRequestSchema,
    response: tokenResponseSchema,
    // the token endpoint changes nothing
    transactional: false,
    async handler({ em, body, req, res, app }) {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Pragma', 'no-cache');
      const creds = clientCredentialsOf(body, req.headers.authorization);
      return issueToken(em, gatewayState(app).keys, body.grant_type, creds, new Date());
    },
  }),

  route({
    method: 'get',
    path: '/gateway/v1/entries/:id/records',
    summary: '共享网关：按授权读取资源数据（只返回授权信息项，按脱敏规则处理）',
    description:
      '以 Authorization: Bearer <access_token> 调用。查询参数：<字段名>=<值>（只能用可作查询条件的信息项）、page、pageSize（≤ 100）。每次调用即时核验授权：授权撤销、到期或系统停用后立即 403；超出每分钟频率或日配额 429（Retry-After）。每次调用（含被拒绝的）都写入调用记录。',
    tags: gatewayTags,
    access: 'public',
    params: entryParams,
    query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    response: gatewayRecordsSchema,
    async handler({ em, params, query, req, res, app, now }) {
      const started = performance.now();
      const state = gatewayState(app);
      const facts: CallFacts = { ...emptyFacts(), entryId: params.id };
      const realNow = new Date();
      let status: CallStatus = 'ok';
      let httpStatus = 200;
      let responseHash: string | null = null;
      let body: Buffer | null = null;
      let failure: unknown = null;
      try {
        const claims = await verifyAccessToken(state.keys, req.headers.authorization, realNow);
        const result = await serveRecords(em, { rate: state.rate, quota: state.quota, hash: state.hash }, { claims, entryId: params.id, query, today: shanghaiDate(now), now, realNow }, facts);
        // encoded once: hashed, measured and written as these bytes (the hash is the same as of the JSON text)
        body = Buffer.from(JSON.stringify(result));
        responseHash = sm3Hex(body);
        // 纠错中 (第十七条) and an announced retirement (第十九条: Deprecation, Sunset, Link to the replacement)
        for (const [name, value] of Object.entries(await lifecycleHeaders(em, params.id, now))) res.setHeader(name, value);
      } catch (e) {
        failure = e;
        httpStatus = e instanceof DomainError ? e.status : 500;
        status = callStatusOf(e, httpStatus);
        if (httpStatus === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="govdata-gateway"');
      }
      // the record first, the answer after: no data leaves without its record (第十六条(四))
      const queryValues = facts.queryFields.map((k) => `${k}=${String(query[k])}`).join('&');
      try {
        await state.recorder.record({ at: realNow, ...facts, queryHash: queryValues ? sm3Hex(queryValues) : null, status, httpStatus, latencyMs: Math.round(performance.now() - started), responseHash });
      } catch (e) {
        if (failure === null) {
          app.log.error('gateway call record not written', e);
          throw new ServiceUnavailableError('调用记录暂时无法写入；为保证每次调用留痕，本次不返回数据，请稍后重试', 'gateway.record_unavailable');
        }
      }
      if (failure !== null) throw failure;
      // Node's API: the read lane serves this route with Node's own response (http/mount.ts readLane)
      res.setHeader('Cache-Control', 'no-store');
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Content-Length', body?.length ?? 0);
      res.end(body);
      return undefined as never;
    },
  }),
];


const recordTags = ['调用记录'];
const statsQuery = callRecordQuerySchema.omit({ page: true, pageSize: true });

/** 调用记录 (第十六条(四)): list, charts, export, chain verification, the platform's public key and the 调用凭证. */
export const callRecordRoutes = [
  route({
    method: 'get',
    path: '/api/call-records',
    summary: '调用记录（提供部门看本部门资源被调用的记录，使用部门看本部门系统的调用，平台管理员和领导看全部）',
    tags: recordTags,
    access: 'authenticated',
    query: callRecordQuerySchema,
    response: pageSchema(callRecordSchema),
    async handler({ em, actor, query }) {
      return listCallRecords(em, actor, query);
    },
  }),
  route({
    method: 'get',
    path: '/api/call-records/stats',
    summary: '调用统计：按日、按使用部门',
    tags: recordTags,
    access: 'authenticated',
    query: statsQuery,
    response: z.object({ perDay: z.array(z.object({ day: z.string(), ok: z.number(), refused: z.number() })), perDepartment: z.array(z.object({ department: z.string(), calls: z.number() })) }),
    async handler({ em, actor, query }) {
      return callRecordStats(em, actor, query);
    },
  }),
  route({
    method: 'get',
    path: '/api/call-records/export.xlsx',
    summary: '导出调用记录（至多 50,000 条）',
    tags: recordTags,
    access: 'authenticated',
    query: statsQuery,
    produces: XLSX_MIME,
    async handler({ em, actor, query, res }) {
      const where = await callRecordWhere(em, actor, query);
      const rows = await callRecordDtos(em, await em.find(CallRecord, where, { orderBy: { seq: 'desc' }, limit: 50_000 }));
      const buffer = await xlsxTable(
        '调用记录',
        [
          { header: '时间', width: 20, value: (r) => shanghaiCell(r.at) },
          { header: '接入系统', width: 24, value: (r) => r.system?.name },
          { header: '使用部门', width: 26, value: (r) => r.department?.name },
          { header: '资源', width: 28, value: (r) => r.entry?.name },
          { header: '授权', width: 8, value: (r) => r.grantId },
          { header: '查询字段', width: 18, value: (r) => r.queryFields.join('、') },
          { header: '返回字段', width: 30, value: (r) => r.fieldsReturned.join('、') },
          { header: '行数', width: 8, value: (r) => r.rowCount },
          { header: '结果', width: 12, value: (r) => CALL_STATUS_LABELS[r.status] },
          { header: 'HTTP', width: 8, value: (r) => r.httpStatus },
          { header: '耗时(ms)', width: 10, value: (r) => r.latencyMs },
          { header: '响应 SM3', width: 66, value: (r) => r.responseHash },
          { header: '记录哈希', width: 66, value: (r) => r.hash },
        ],
        rows,
        { title: '政务数据共享调用记录' },
      );
      sendFile(res, '调用记录.xlsx', XLSX_MIME, buffer);
    },
  }),
  route({
    method: 'get',
    path: '/api/call-records/verify',
    summary: '核验调用记录哈希链和日封存签名（指出第一条被修改或删除的记录）',
    tags: recordTags,
    access: ['bureau_admin', 'leader', 'dept_admin'],
    response: chainVerificationSchema,
    async handler({ em }) {
      return verifyCallChain(em, callSealKey().publicKeyPem);
    },
  }),
  route({
    method: 'get',
    path: '/api/call-records/public-key',
    summary: '平台封存公钥（离线核验调用凭证用）',
    tags: recordTags,
    access: 'public',
    response: z.object({ algorithm: z.literal('Ed25519'), keyId: z.string(), pem: z.string() }),
    async handler() {
      const key = callSealKey();
      return { algorithm: 'Ed25519' as const, keyId: key.keyId, pem: key.publicKeyPem };
    },
  }),
  route({
    method: 'get',
    path: '/api/call-records/certificate',
    summary: '出具调用凭证（某授权某期间：次数、首末哈希、日封存签名、核验方法），可离线核验',
    tags: recordTags,
    access: 'authenticated',
    query: certificateQuerySchema,
    produces: 'application/json',
    async handler({ em, actor, query, res }) {
      const key = callSealKey();
      const cert = await callCertificate(em, actor, query.grantId, query.from, query.to, key.publicKeyPem, key.keyId, new Date());
      sendFile(res, `调用凭证-授权${query.grantId}-${query.from}至${query.to}.json`, 'application/json; charset=utf-8', Buffer.from(JSON.stringify(cert, null, 2)));
    },
  }),
  route({
    method: 'get',
    path: '/api/call-records/certificate.pdf',
    summary: '出具调用凭证（PDF：授权、次数、首末哈希、日封存签名、公钥、核验方法；附 JSON 凭证，可离线核验）',
    description: '与 JSON 凭证相同的查询与权限。PDF 以中文字体排版：服务器须有中文字体（Debian 的 fonts-noto-cjk，或以 GOVDATA_PDF_FONT 指定），否则返回 503。',
    tags: recordTags,
    access: 'authenticated',
    query: certificateQuerySchema,
    produces: 'application/pdf',
    async handler({ em, actor, query, res }) {
      const key = callSealKey();
      const cert = await callCertificate(em, actor, query.grantId, query.from, query.to, key.publicKeyPem, key.keyId, new Date());
      const font = pdfFont();
      if (!font) throw new ServiceUnavailableError('服务器未安装中文字体，无法生成 PDF 凭证：请运维安装 fonts-noto-cjk 或设置 GOVDATA_PDF_FONT；JSON 凭证可照常下载', 'call_certificate.no_font');
      sendFile(res, `调用凭证-授权${query.grantId}-${query.from}至${query.to}.pdf`, 'application/pdf', await certificatePdf(cert, font));
    },
  }),
];

export function callStatusOf(e: unknown, httpStatus: number): CallStatus {
  const code = e instanceof DomainError ? e.code : '';
  if (httpStatus === 401) return 'unauthorized';
  if (httpStatus === 403) return 'forbidden';
  if (httpStatus === 404) return 'not_found';
  if (code === 'gateway.quota_exceeded') return 'quota_exceeded';
  if (httpStatus === 429) return 'rate_limited';
  if (httpStatus === 502 || httpStatus === 503 || httpStatus === 504) return 'upstream_error';
  if (httpStatus >= 400 && httpStatus < 500) return 'bad_request';
  return 'error';
}
