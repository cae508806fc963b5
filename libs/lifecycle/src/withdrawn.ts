import type { EntityManager } from '@mikro-orm/knex';
import { consoleLinks, dataWithdrawnSource, dataWithdrawnWithoutRetirement, violationClause, type WithdrawnDataFacts } from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { fromSqlTime, recordFindings, sqlAll, type FindingInput, type JobDefinition } from '@govdata/core';

/** The calls read back: the last 8 days (the job runs daily; a missed night is caught up). Call times are real time. */
const WINDOW_MS = 8 * 86_400_000;

interface Row {
  entry_id: number | string;
  name: string;
  provider_id: number | string;
  status: string;
  failed: number | string;
  first_at: unknown;
  last_at: unknown;
  ok_since: number | string;
  active_grants: number | string;
  last_version_id: number | string | null;
  last_version: number | string | null;
  live: number | string;
}

/**
 * The entries whose grant holders' gateway calls were answered 404 (no data) or an upstream error in the window, with
 * what the rule needs: answered calls since the first failure, grants in force today, the entry's latest dataset
 * version and whether one is live now — one read of `call_records` by (entry, at) and indexed lookups.
 */
export async function loadWithdrawnData(em: EntityManager, now: Date, realNow: Date): Promise<WithdrawnDataFacts[]> {
  const since = new Date(realNow.getTime() - WINDOW_MS);
  const rows = await sqlAll<Row>(
    em,
    `with f as (select entry_id, count(*) as failed, min(at) as first_at, max(at) as last_at from call_records
                 where at >= ? and entry_id is not null and grant_id is not null and status in ('not_found', 'upstream_error') group by entry_id)
     select f.entry_id, e.name, e.provider_id, e.status, f.failed, f.first_at, f.last_at,
            (select count(*) from call_records c where c.entry_id = f.entry_id and c.status = 'ok' and c.at >= f.first_at) as ok_since,
            (select count(*) from share_grants g where g.entry_id = f.entry_id and g.status = 'active' and g.valid_until >= ?) as active_grants,
            (select max(v.id) from dataset_versions v where v.entry_id = f.entry_id) as last_version_id,
            (select v.version from dataset_versions v where v.entry_id = f.entry_id order by v.id desc limit 1) as last_version,
            (select count(*) from dataset_versions v where v.entry_id = f.entry_id and v.status = 'live') as live
       from f join catalog_entries e on e.id = f.entry_id`,
    [since, shanghaiDate(now)],
  );
  return rows.map((r) => ({
    entryId: Number(r.entry_id),
    entryName: r.name,
    providerId: Number(r.provider_id),
    entryStatus: r.status,
    activeGrants: Number(r.active_grants),
    lastVersion: r.last_version_id == null ? null : { id: Number(r.last_version_id), version: Number(r.last_version) },
    liveNow: Number(r.live) > 0,
    failedCalls: Number(r.failed),
    okSince: Number(r.ok_since),
    firstFailedAt: r.first_at == null ? null : fromSqlTime(r.first_at),
    lastFailedAt: r.last_at == null ? null : fromSqlTime(r.last_at),
  }));
}

/** The detector: the rule over those facts, the (五) candidates through the one door for findings. */
export async function detectWithdrawnData(em: EntityManager, now: Date, realNow: Date): Promise<{ scanned: number; violationsCreated: number; notificationsSent: number }> {
  const facts = await loadWithdrawnData(em, now, realNow);
  const findings: FindingInput[] = [];
  for (const f of facts) {
    const verdict = dataWithdrawnWithoutRetirement(f, now);
    if (!verdict || !f.lastVersion) continue;
    findings.push({
      source: dataWithdrawnSource(f.entryId, f.lastVersion.id),
      violation: { type: verdict.type, departmentId: f.providerId },
      evidence: verdict.evidence,
      notify: {
        kind: 'violation.candidate',
        title: `【违规线索】未经下线程序停止提供数据：${f.entryName}`,
        body: `${verdict.evidence.summary}，待平台管理员确认。请尽快恢复数据；确需停用的，请按第十九条申请下线（先有可用的替代资源，并留足过渡期）。`,
        link: consoleLinks.catalogEntry(f.entryId),
      },
    });
  }
  const recorded = await em.transactional((tx) => recordFindings(tx, findings, { job: 'lifecycle-data-withdrawn' }, now));
  return { scanned: facts.length, violationsCreated: recorded.violationsCreated, notificationsSent: recorded.notificationsSent };
}

/** 未经下线程序停止提供数据 (第十九条, 第三十三条第（五）项): daily, after the night's call seal. */
export const withdrawnDataJob: JobDefinition = {
  name: 'lifecycle-data-withdrawn',
  title: `未经下线程序停止提供数据的检查（${violationClause(5)}线索）`,
  schedule: { pattern: '40 1 * * *' },
  async run({ em, now, log }) {
    const r = await detectWithdrawnData(em, now, new Date());
    if (r.violationsCreated) log(`未经下线程序停止提供数据：新增违规线索 ${r.violationsCreated} 条`);
    return { scanned: r.scanned, violationsCreated: r.violationsCreated, notificationsSent: r.notificationsSent };
  },
};
