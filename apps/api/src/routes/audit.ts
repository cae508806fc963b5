import { auditSealKey, databaseAuditSource, drained, exportAuditEvents, listAuditEvents, verifyAuditTrail } from '@govdata/core';
import { auditEventSchema, auditExportQuerySchema, auditQuerySchema, auditSealSchema, auditVerificationSchema, pageSchema, type AuditVerificationDto } from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { z } from 'zod';
import { route } from '../http/route';

const TAGS = ['审计日志'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The platform key's public half, or null when it cannot be read (the seals are then checked against their own keys). */
function platformPublicKey(): { publicKeyPem: string } | null {
  try {
    return { publicKeyPem: auditSealKey().publicKeyPem };
  } catch {
    return null;
  }
}

/**
 * 审计日志 — the tamper-evident audit trail (docs/security.md § audit trail): the bureau reads and exports it, checks
 * the hash chain and the daily seals, and downloads the whole trail for `npm run verify-audit` on another machine.
 */
export const auditRoutes = [
  route({
    method: 'get',
    path: '/api/admin/audit/events',
    summary: '审计日志（按操作人、部门、操作、对象、时间筛选，分页，新的在前）',
    tags: TAGS,
    access: ['bureau_admin'],
    query: auditQuerySchema,
    response: pageSchema(auditEventSchema),
    handler: ({ em, query }) => listAuditEvents(em, query),
  }),
  route({
    method: 'get',
    path: '/api/admin/audit/events/export',
    summary: '导出审计日志（XLSX，筛选条件同列表）',
    tags: TAGS,
    access: ['bureau_admin'],
    query: auditExportQuerySchema,
    produces: XLSX,
    async handler({ em, query, res }) {
      const file = await exportAuditEvents(em, query);
      const name = `审计日志-${shanghaiDate(new Date())}.xlsx`;
      res.setHeader('Content-Type', XLSX);
      res.setHeader('Content-Disposition', `attachment; filename="audit.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
      res.send(file);
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/audit/verify',
    summary: '校验审计日志：哈希链逐条核对、链头与行数、每日封存签名',
    description: '发现的第一条被修改、删除或绕过哈希链写入的记录会被指出（firstBroken）；封存用平台密钥核验。',
    tags: TAGS,
    access: ['bureau_admin'],
    response: auditVerificationSchema,
    async handler({ em }): Promise<AuditVerificationDto> {
      const started = performance.now();
      const result = await verifyAuditTrail(databaseAuditSource(em), platformPublicKey());
      return { ...result, verifiedAt: new Date().toISOString(), ms: Math.round(performance.now() - started) };
    },
  }),
  route({
    method: 'get',
    path: '/api/admin/audit/seals',
    summary: '每日封存（当天最后一条记录的哈希，经平台密钥签名）',
    tags: TAGS,
    access: ['bureau_admin'],
    response: z.array(auditSealSchema),
    handler: ({ em }) => databaseAuditSource(em).seals(),
  }),
  route({
    method: 'get',
    path: '/api/admin/audit/export.json',
    summary: '下载完整审计日志（含链头、封存与平台公钥），供 npm run verify-audit 离线校验',
    tags: TAGS,
    access: ['bureau_admin'],
    produces: 'application/json',
    async handler({ em, res }) {
      const source = databaseAuditSource(em);
      const [head, seals] = await Promise.all([source.head(), source.seals()]);
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="audit-trail-${shanghaiDate(new Date())}.json"`);
      res.write(`{"format":"govdata-audit-trail/1","exportedAt":${JSON.stringify(new Date().toISOString())},"publicKey":${JSON.stringify(platformPublicKey()?.publicKeyPem ?? null)},"head":${JSON.stringify(head)},"seals":${JSON.stringify(seals)},"rows":[`);
      let first = true;
      for await (const page of source.pages()) {
        const text = page.map((r) => JSON.stringify(r)).join(',');
        if (!res.write(`${first ? '' : ','}${text}`)) await drained(res);
        first = false;
      }
      res.end(']}');
    },
  }),
];
