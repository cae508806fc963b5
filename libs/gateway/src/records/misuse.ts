import type { EntityManager } from '@mikro-orm/knex';
import { consoleLinks, endedGrantCallsSource, unauthorisedUseOf, violationClause, type EndedGrantCalls, type GrantStatus } from '@govdata/domain';
import { fromSqlTime, recordFindings, sqlAll, type FindingInput, type JobDefinition } from '@govdata/core';

/** The calls read back: refusals of the last 8 days (the job runs daily; a missed night is caught up). */
const WINDOW_MS = 8 * 86_400_000;

interface Row {
  grant_id: number | string;
  consumer_id: number | string;
  entry_id: number | string;
  entry_name: string;
  status: GrantStatus;
  valid_until: string;
  revoked_at: unknown;
  destroyed_on: string | null;
  n: number | string;
  first_at: unknown;
  last_at: unknown;
}

/**
 * Refused calls that named a grant, grouped by grant, with the grant's state — one indexed read of `call_records`
 * (`grant_id, at`) over the window. Call times are real time (they are security records), so is the window.
 */
export async function loadEndedGrantCalls(em: EntityManager, realNow: Date): Promise<EndedGrantCalls[]> {
  const rows = await sqlAll<Row>(
    em,
    `select c.grant_id, g.consumer_id, g.entry_id, e.name as entry_name, g.status, g.valid_until, g.revoked_at, g.destroyed_on,
            count(*) as n, min(c.at) as first_at, max(c.at) as last_at
       from call_records c join share_grants g on g.id = c.grant_id join catalog_entries e on e.id = g.entry_id
      where c.grant_id is not null and c.status = 'forbidden' and c.at >= ?
      group by c.grant_id, g.consumer_id, g.entry_id, e.name, g.status, g.valid_until, g.revoked_at, g.destroyed_on`,
    [new Date(realNow.getTime() - WINDOW_MS)],
  );
  if (!rows.length) return [];
  const systems = await sqlAll<{ grant_id: number | string; name: string }>(
    em,
    `select distinct c.grant_id, s.name from call_records c join app_systems s on s.id = c.system_id
      where c.status = 'forbidden' and c.at >= ? and c.grant_id in (${rows.map(() => '?').join(', ')})`,
    [new Date(realNow.getTime() - WINDOW_MS), ...rows.map((r) => Number(r.grant_id))],
  );
  return rows.map((r) => ({
    grantId: Number(r.grant_id),
    consumerId: Number(r.consumer_id),
    entryId: Number(r.entry_id),
    entryName: r.entry_name,
    status: r.status,
    validUntil: r.valid_until,
    revokedAt: r.revoked_at ? fromSqlTime(r.revoked_at) : null,
    destroyedOn: r.destroyed_on,
    refusedCalls: Number(r.n),
    firstAt: fromSqlTime(r.first_at),
    lastAt: fromSqlTime(r.last_at),
    systems: systems.filter((s) => Number(s.grant_id) === Number(r.grant_id)).map((s) => s.name).sort(),
  }));
}

/** The detector: the rule over the grants' refused calls, the candidates through the one door for findings. */
export async function detectEndedGrantCalls(em: EntityManager, now: Date, realNow: Date): Promise<{ scanned: number; violationsCreated: number; notificationsSent: number }> {
  const groups = await loadEndedGrantCalls(em, realNow);
  const findings: FindingInput[] = [];
  for (const g of groups) {
    const verdict = unauthorisedUseOf(g, now);
    if (!verdict) continue;
    findings.push({
      source: endedGrantCallsSource(g.grantId),
      violation: { type: verdict.type, departmentId: g.consumerId },
      evidence: verdict.evidence,
      notify: {
        kind: 'violation.candidate',
        title: `【违规线索】授权结束后仍调用：${g.entryName}`,
        body: `${verdict.evidence.summary}。平台已按${violationClause(verdict.type)}记录违规线索，待平台管理员确认。请立即停止调用并核查接入系统的配置，确认已按第二十七条销毁不再使用的数据。`,
        link: consoleLinks.refusedCalls(g.grantId),
      },
    });
  }
  const recorded = await em.transactional((tx) => recordFindings(tx, findings, { job: 'gateway-ended-grant-calls' }, now));
  return { scanned: groups.length, violationsCreated: recorded.violationsCreated, notificationsSent: recorded.notificationsSent };
}

/** 授权结束后的调用 (第三十三条第（六）项): daily, after the night's seal. */
export const endedGrantCallsJob: JobDefinition = {
  name: 'gateway-ended-grant-calls',
  title: '授权结束后仍调用的检查（违规线索）',
  schedule: { pattern: '30 1 * * *' },
  async run({ em, now, log }) {
    const r = await detectEndedGrantCalls(em, now, new Date());
    if (r.violationsCreated) log(`授权结束后仍调用：新增违规线索 ${r.violationsCreated} 条`);
    return { scanned: r.scanned, violationsCreated: r.violationsCreated, notificationsSent: r.notificationsSent };
  },
};
