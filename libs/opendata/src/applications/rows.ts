import type { EntityManager } from '@mikro-orm/knex';
import {
  approvalActive,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PUBLIC_KEY_POLICY,
  TooManyRequestsError,
  type OpenRowsDto,
  type OpenRowsQuery,
} from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { sqlAll } from '@govdata/core';
import { liveVersion, maskRow, readRows, servedItem, type QuotaCounter, type RateWindow } from '@govdata/gateway';
import { OpenApplication } from '../entities/open-application.entity';
import { publicColumnsOf } from '../downloads';

/** What a call's record keeps, filled in as far as the call got (the gateway's call records, 第十六条(四)). */
export interface OpenCallFacts {
  entryId: number | null;
  datasetVersion: number | null;
  fieldsReturned: string[];
  rowCount: number;
}

export interface OpenRowsRequest {
  key: { keyId: number; userId: number };
  name: string;
  query: OpenRowsQuery;
  /** business date (Shanghai): an approval's validity */
  today: string;
  /** real time: rate and quota */
  realNow: Date;
}

/** The access key of an API key in the per-minute window and the daily quota (`grant_usage`): `k:<key id>`. */
export const apiKeyAccessKey = (keyId: number) => `k:${keyId}`;

/**
 * Rows of an open dataset through a public user's API key: for 无条件开放 data every open item, for 依申请开放 data
 * only the items of the user's approved, still valid applications (第二十四条) — refused (403) without one. Every item
 * is desensitised by its rule as the gateway does (第二十三条: sensitive items only masked; 涉密 and 删除 never). Per key:
 * a per-minute rate (per API process) and a daily quota (the gateway's QuotaCounter, settled with the call records), 429
 * with Retry-After. The live version only.
 */
export async function serveOpenRows(em: EntityManager, deps: { rate: RateWindow; quota: QuotaCounter; hash: (text: string) => string }, req: OpenRowsRequest, facts: OpenCallFacts): Promise<OpenRowsDto> {
  // bound raw SQL on the request's transaction (a bare knex query would wait for the one SQLite connection)
  const [d] = await sqlAll<{ id: number; entry_id: number; open_type: string }>(
    em,
    'select d.id, d.entry_id, e.open_type from open_datasets d join catalog_entries e on e.id = d.entry_id' +
      " where d.name = ? and d.withdrawn_at is null and e.status = 'published' and e.open_type in ('open', 'on_application')",
    [req.name],
  );
  if (!d) throw new NotFoundError(`开放数据集 ${req.name} 不存在或已撤回`, 'opendata.not_found');
  facts.entryId = Number(d.entry_id);

  // 依申请开放: only the items of the user's approved, still valid applications
  let approvedFields: Set<string> | null = null;
  if (d.open_type === 'on_application') {
    const approved = await em.find(OpenApplication, { applicant: req.key.userId, dataset: Number(d.id), status: 'approved' }, { fields: ['status', 'validUntil', 'fields'] });
    const active = approved.filter((a) => approvalActive({ status: a.status, validUntil: a.validUntil ?? null }, req.today));
    if (!active.length) {
      const expired = approved.length > 0;
      throw new ForbiddenError(
        expired ? '您对该数据集的开放申请已过有效期，请重新申请' : '该数据集为依申请开放（第二十四条）：请先在开放门户提交开放申请，经提供部门同意后用密钥读取',
        expired ? 'open_rows.approval_expired' : 'open_rows.not_approved',
      );
    }
    approvedFields = new Set(active.flatMap((a) => a.fields));
  }

  const wait = deps.rate.take(apiKeyAccessKey(req.key.keyId), PUBLIC_KEY_POLICY.perMinute, req.realNow.getTime());
  if (wait > 0) throw new TooManyRequestsError(`调用过于频繁：每个密钥每分钟最多 ${PUBLIC_KEY_POLICY.perMinute} 次，请 ${wait} 秒后再试`, wait, 'open_rows.rate_limited');
  const day = shanghaiDate(req.realNow);
  if (!(await deps.quota.take(apiKeyAccessKey(req.key.keyId), day, PUBLIC_KEY_POLICY.perDay))) {
    const midnight = Date.parse(`${day}T00:00:00+08:00`) + 86_400_000;
    throw new TooManyRequestsError(`该密钥今日调用已达 ${PUBLIC_KEY_POLICY.perDay} 次，次日 0 时恢复`, Math.max(1, Math.ceil((midnight - req.realNow.getTime()) / 1000)), 'open_rows.quota_exceeded');
  }

  const version = await liveVersion(em, facts.entryId);
  if (!version) throw new ConflictError('该数据集的目录信息已开放，但提供部门尚未在平台发布数据，暂无可读取的数据', 'open_rows.no_data');
  facts.datasetVersion = version.version;
  // the public columns by the downloads' rule (publicColumnsOf: 涉密 and 删除 never, every masking rule applied)
  const columns = (await publicColumnsOf(em, facts.entryId, version.columns)).filter((c) => !approvedFields || approvedFields.has(c.fieldName));
  const served = columns.map((c) => ({ ...servedItem({ fieldName: c.fieldName, name: c.name, desensitization: c.served }), name: c.name }));
  const { rows, total } = await readRows(em, version.rowsTable, columns, [], req.query.page, req.query.pageSize);
  const out = rows.map((r) => maskRow(r, served, deps.hash));
  facts.fieldsReturned = served.map((s) => s.fieldName);
  facts.rowCount = out.length;
  return {
    dataset: req.name,
    version: version.version,
    fields: served.map((s) => ({ fieldName: s.fieldName, name: s.name, desensitization: s.desensitization })),
    items: out,
    total,
    page: req.query.page,
    pageSize: req.query.pageSize,
  };
}
