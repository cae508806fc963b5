import type { EntityManager } from '@mikro-orm/knex';
import type { DashboardDto } from '@govdata/analytics';
import { shanghaiDate } from '@govdata/workdays';
import { readTask, runRead, sqlAll } from '@govdata/core';
import { inList, monthOfDateSql, num, PUBLISHED_STATUSES, yearWindow } from './sql-helpers';

type Row = Record<string, unknown>;

/**
 * The leadership dashboard's live figures (第三十条), each one GROUP BY over the platform — never the rows:
 * KPI cards, the year's months (up to the statistics day) of provider-reply punctuality and overdue deadlines, the department × month heatmap of
 * missed/overdue deadlines and the sharing network of active grants. The ranking itself comes from the results.
 *
 * Windows: deadlines by their due date in the year that have run their course (as the facts count them: met,
 * missed, overdue, and open ones past their due instant); requests by submission in the year (Asia/Shanghai).
 * Network links index into `network.nodes`, heatmap cells into `heatmap.departments` and `heatmap.months`.
 */
export function loadDashboard(em: EntityManager, opts: { year: number; now: Date }): Promise<DashboardDto> {
  return runRead(em, dashboardRead, opts);
}

/**
 * The dashboard's reads as a read task: a year of deadlines twice over and every active grant — seconds at a city's
 * size, which the API on SQLite spends in a worker thread (core's `runRead`).
 */
export const dashboardRead = readTask('assessment.dashboard', (em, opts: { year: number; now: Date }) => readDashboard(em, opts));

async function readDashboard(em: EntityManager, opts: { year: number; now: Date }): Promise<DashboardDto> {
  const w = yearWindow(opts.year, opts.now);
  const today = shanghaiDate(opts.now);
  // the months of the year up to the statistics day: a month still ahead has no trend to show (its few early replies
  // would read as a 100% month)
  const lastMonth = Number(w.asOf.slice(5, 7));
  const months = Array.from({ length: lastMonth }, (_, i) => `${opts.year}-${String(i + 1).padStart(2, '0')}`);
  const ranCourse = `(d.state in ('met', 'missed', 'overdue') or (d.state = 'open' and d.due_at < ?))`;
  const late = `(d.state in ('missed', 'overdue') or (d.state = 'open' and d.due_at < ?))`;

  const [entries] = await sqlAll<Row>(em, `select count(*) as n from catalog_entries e where e.status in (${inList(PUBLISHED_STATUSES)})`, []);
  const [requests] = await sqlAll<Row>(em, 'select count(*) as n from share_requests r where r.submitted_at >= ? and r.submitted_at < ?', [w.start, w.end]);
  const [violations] = await sqlAll<Row>(em, `select count(*) as n from violations v where v.status in ('candidate', 'confirmed')`, []);
  const [notices] = await sqlAll<Row>(em, `select count(*) as n from notices n where n.status not in ('draft', 'closed')`, []);

  // one pass over the year's deadlines: per month, replies due/met and late deadlines of any kind
  const monthly = await sqlAll<Row>(
    em,
    `select ${monthOfDateSql('d.due_date')} as month,
            sum(case when d.kind = 'provider_reply' and d.department_id is not null and ${ranCourse} then 1 else 0 end) as replies_due,
            sum(case when d.kind = 'provider_reply' and d.department_id is not null and d.state = 'met' then 1 else 0 end) as replies_met,
            sum(case when ${late} then 1 else 0 end) as overdue
       from deadlines d
      where d.due_date >= ? and d.due_date <= ?
      group by ${monthOfDateSql('d.due_date')}`,
    [opts.now, opts.now, w.firstDay, w.lastDay],
  );
  const byMonth = new Map(monthly.map((r) => [String(r.month), r]));
  const monthlyRows = months.map((month) => {
    const r = byMonth.get(month);
    const repliesDue = num(r?.replies_due);
    const repliesMet = num(r?.replies_met);
    return { month, repliesDue, repliesMet, onTimeRate: repliesDue > 0 ? repliesMet / repliesDue : null, overdue: num(r?.overdue) };
  });
  const repliesDue = monthlyRows.reduce((a, m) => a + m.repliesDue, 0);
  const repliesMet = monthlyRows.reduce((a, m) => a + m.repliesMet, 0);

  const heat = await sqlAll<Row>(
    em,
    `select d.department_id, ${monthOfDateSql('d.due_date')} as month, count(*) as n
       from deadlines d
      where d.department_id is not null and d.due_date >= ? and d.due_date <= ? and ${late}
      group by d.department_id, ${monthOfDateSql('d.due_date')}`,
    [w.firstDay, w.lastDay, opts.now],
  );

  // active grants: stored active and still valid today (expiry is derived from valid_until)
  const links = await sqlAll<Row>(
    em,
    `select g.provider_id, g.consumer_id, count(*) as n from share_grants g
      where g.status = 'active' and g.valid_until >= ?
      group by g.provider_id, g.consumer_id`,
    [today],
  );

  const ids = new Set<number>();
  for (const r of heat) ids.add(Number(r.department_id));
  for (const r of links) ids.add(Number(r.provider_id)).add(Number(r.consumer_id));
  const names = ids.size ? await sqlAll<Row>(em, `select id, code, name from departments where id in (${[...ids].map(() => '?').join(', ')}) order by id`, [...ids]) : [];
  const summary = new Map(names.map((d) => [Number(d.id), { id: Number(d.id), code: String(d.code), name: String(d.name) }]));

  const heatDepartments = [...new Set(heat.map((r) => Number(r.department_id)))].sort((a, b) => a - b);
  const heatIndex = new Map(heatDepartments.map((id, i) => [id, i]));
  const cells = heat
    .map((r): [number, number, number] => [heatIndex.get(Number(r.department_id)) ?? -1, months.indexOf(String(r.month)), num(r.n)])
    .filter((c) => c[0] >= 0 && c[1] >= 0 && c[2] > 0)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  const nodeIds = [...new Set(links.flatMap((r) => [Number(r.provider_id), Number(r.consumer_id)]))].sort((a, b) => a - b);
  const nodeIndex = new Map(nodeIds.map((id, i) => [id, i]));

  return {
    year: opts.year,
    asOf: w.asOf,
    kpis: {
      entries: num(entries?.n),
      requests: num(requests?.n),
      onTimeRate: repliesDue > 0 ? repliesMet / repliesDue : null,
      openViolations: num(violations?.n),
      openNotices: num(notices?.n),
    },
    monthly: monthlyRows,
    heatmap: { departments: heatDepartments.map((id) => summary.get(id) ?? { id, code: '', name: `#${id}` }), months, cells },
    network: {
      nodes: nodeIds.map((id) => summary.get(id) ?? { id, code: '', name: `#${id}` }),
      links: links
        .map((r) => ({ source: nodeIndex.get(Number(r.provider_id)) ?? 0, target: nodeIndex.get(Number(r.consumer_id)) ?? 0, grants: num(r.n) }))
        .sort((a, b) => a.source - b.source || a.target - b.target),
    },
  };
}
