import type { EntityManager } from '@mikro-orm/knex';
import type { OpenUsageDto } from '@govdata/domain';
import { sqlAll, sqlRun } from '@govdata/core';
import { shanghaiDate } from '@govdata/workdays';

/**
 * 使用统计 (issue 16 §8): views and downloads per open dataset and Shanghai day, counted when they happen (real
 * time, like the call records), and what the portal reads back. The bureau's statistics are in usage-stats.ts.
 */
export type UsageEvent = 'views' | 'downloads';

const DAY = 86_400_000;

/** Counts one view or download of a dataset: the day's row (atomic upsert) and the dataset's running total. */
export async function countUsage(em: EntityManager, datasetId: number, event: UsageEvent, at: Date): Promise<void> {
  const day = shanghaiDate(at);
  const [views, downloads] = event === 'views' ? [1, 0] : [0, 1];
  await sqlRun(
    em,
    `insert into open_usage (dataset_id, day, views, downloads) values (?, ?, ?, ?) on conflict (dataset_id, day) do update set ${event} = open_usage.${event} + 1`,
    [datasetId, day, views, downloads],
  );
  await sqlRun(em, `update open_datasets set ${event} = ${event} + 1 where id = ?`, [datasetId]);
}

/** A dataset's usage: running totals, answered gateway calls on its entry, and the last 30 days. */
export async function usageOf(em: EntityManager, dataset: { id: number; entryId: number; views: number; downloads: number }, at: Date): Promise<OpenUsageDto> {
  const since = shanghaiDate(new Date(at.getTime() - 29 * DAY));
  const [[recent], [calls]] = await Promise.all([
    sqlAll<{ v: number | string | null; d: number | string | null }>(em, 'select sum(views) as v, sum(downloads) as d from open_usage where dataset_id = ? and day >= ?', [dataset.id, since]),
    // the (entry_id, at) index answers this; status is read from the rows of that range only
    sqlAll<{ n: number | string }>(em, "select count(*) as n from call_records where entry_id = ? and status = 'ok'", [dataset.entryId]),
  ]);
  return {
    views: dataset.views,
    downloads: dataset.downloads,
    apiCalls: Number(calls?.n ?? 0),
    last30Days: { views: Number(recent?.v ?? 0), downloads: Number(recent?.d ?? 0) },
  };
}
