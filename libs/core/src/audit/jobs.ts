import type { JobDefinition } from '../jobs/registry';
import { auditSealKey } from './seal-key';
import { databaseAuditSource, sealAuditDays, verifyAuditTrail } from './trail';

/** 审计日志日封存 — seals each ended day of the audit chain with the platform key (real time: a security record). */
export const auditSealJob: JobDefinition = {
  name: 'audit-seal',
  title: '审计日志日封存',
  schedule: { pattern: '5 0 * * *' },
  async run({ em, log }) {
    const { sealed } = await em.transactional((tx) => sealAuditDays(tx, auditSealKey(), new Date()));
    if (sealed.length) log(`sealed ${sealed.join(', ')}`);
    return { scanned: sealed.length, sealed: sealed.length };
  },
};

/**
 * 审计日志校验 — walks the whole chain and the seals. A broken chain fails the run, naming the first broken row, so it
 * shows on the jobs page and the bureau's workbench as a failing job.
 */
export const auditVerifyJob: JobDefinition = {
  name: 'audit-verify',
  title: '审计日志完整性校验',
  schedule: { pattern: '20 0 * * *' },
  async run({ em }) {
    const result = await verifyAuditTrail(databaseAuditSource(em), { publicKeyPem: auditSealKey().publicKeyPem });
    if (!result.ok) throw new Error(`审计日志校验未通过：${result.firstBroken?.message ?? result.seals.firstInvalid?.message}`);
    return { scanned: result.checkedRows, seals: result.seals.valid };
  },
};
