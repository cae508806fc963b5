import type { EntityManager } from '@mikro-orm/knex';
import { consoleLinks, excessiveVolume, finishedDays, grantVolumeSource, violationClause, type GrantDayVolume } from '@govdata/domain';
import { isPostgres, recordFindings, sqlAll, type FindingInput, type JobDefinition } from '@govdata/core';
import { startOfShanghaiDay } from '@govdata/workdays';

/** The finished Shanghai days read back: the last 7 (the job runs daily; a missed night is caught up). */
const DAYS = 7;

/** The Asia/Shanghai date of `call_records.at` (epoch ms on SQLite, timestamptz on PostgreSQL). */
const dayOf = (em: EntityManager): string => (isPostgres(em) ? "to_char(c.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')" : "strftime('%Y-%m-%d', c.at / 1000 + 28800, 'unixepoch')");

/**
 * Answered gateway calls per grant and Shanghai day over the finished days, for the grants whose request declared
 * an expected daily volume — one grouped read of `call_records` by its `at` index. Call times are real time, so is
 * the window.
 */
export async function loadGrantDayVolumes(em: EntityManager, realNow: Date): Promise<GrantDayVolume[]> {
  const { from, to } = finishedDays(realNow, DAYS);
  const rows = await sqlAll<{ grant_id: unknown; consumer_id: unknown; entry_id: unknown; entry_name: string; expected: unknown; day: string; n: unknown }>(
    em,
    `select x.grant_id, x.consumer_id, x.entry_id, x.entry_name, x.expected, x.day, count(*) as n
       from (select c.grant_id, g.consumer_id, g.entry_id, e.name as entry_name, r.expected_daily_calls as expected, ${dayOf(em)} as day
               from call_records c join share_grants g on g.id = c.grant_id join share_requests r on r.id = g.request_id
               join catalog_entries e on e.id = g.entry_id
              where c.at >= ? and c.at < ? and c.status = 'ok' and r.expected_daily_calls is not null) x
      group by x.grant_id, x.consumer_id, x.entry_id, x.entry_name, x.expected, x.day`,
    [startOfShanghaiDay(from), new Date(startOfShanghaiDay(to).getTime() + 86_400_000)],
  );
  return rows.map((r) => ({ grantId: Number(r.grant_id), consumerId: Number(r.consumer_id), entryId: Number(r.entry_id), entryName: r.entry_name, day: r.day, calls: Number(r.n), expectedDailyCalls: Number(r.expected) }));
}

/** The detector: the rule over each grant's daily volume, the candidates through the one door for findings. */
export async function detectExcessiveVolume(em: EntityManager, now: Date, realNow: Date): Promise<{ scanned: number; violationsCreated: number; notificationsSent: number }> {
  const volumes = await loadGrantDayVolumes(em, realNow);
  const findings: FindingInput[] = [];
  for (const v of volumes) {
    const verdict = excessiveVolume(v, now);
    if (!verdict) continue;
    findings.push({
      source: grantVolumeSource(v.grantId, v.day),
      violation: { type: verdict.type, departmentId: v.consumerId },
      evidence: verdict.evidence,
      notify: {
        kind: 'violation.candidate',
        title: `【违规线索】调用量远超申报用途：${v.entryName}`,
        body: `${verdict.evidence.summary}。平台已按${violationClause(verdict.type)}记录违规线索，待平台管理员确认。请核实接入系统的调用是否限于申请的应用场景（第二十七条）。`,
        link: consoleLinks.grantCallsOn(v.grantId, v.day),
      },
    });
  }
  const recorded = await em.transactional((tx) => recordFindings(tx, findings, { job: 'gateway-excessive-volume' }, now));
  return { scanned: volumes.length, violationsCreated: recorded.violationsCreated, notificationsSent: recorded.notificationsSent };
}

/** 调用量远超申报用途 (第三十三条第（七）项 clue): daily, after the night's seal. */
export const excessiveVolumeJob: JobDefinition = {
  name: 'gateway-excessive-volume',
  title: '调用量远超申报用途的检查（违规线索）',
  schedule: { pattern: '40 1 * * *' },
  async run({ em, now, log }) {
    const r = await detectExcessiveVolume(em, now, new Date());
    if (r.violationsCreated) log(`调用量远超申报用途：新增违规线索 ${r.violationsCreated} 条`);
    return { scanned: r.scanned, violationsCreated: r.violationsCreated, notificationsSent: r.notificationsSent };
  },
};
