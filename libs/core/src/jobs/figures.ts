import type { EntityManager } from '@mikro-orm/knex';
import { fromSqlTime, sqlAll } from '../orm/raw';
import { JOBS } from './registry';

/** The operator's figures (Prometheus `/metrics`), read from the shared database: the same from every API replica. */
export interface OperationalFigures {
  /** per deadline kind: flagged overdue by the sweep, and open but past due (not swept yet — should stay near 0) */
  overdue: { kind: string; flagged: number; pastDueOpen: number }[];
  jobs: {
    name: string;
    /** runs started in the last 24 hours by status */
    runs24h: { succeeded: number; failed: number; running: number };
    lastStatus: 'running' | 'succeeded' | 'failed' | null;
    lastStartedAt: Date | null;
    /** duration of the last finished run */
    lastDurationMs: number | null;
    lastSucceededAt: Date | null;
  }[];
}

/** A run's duration: the measured `ms` of its summary (real time), else finished − started (the platform clock). */
function durationMs(row: { started_at: unknown; finished_at: unknown; summary: unknown }): number {
  const summary = typeof row.summary === 'string' ? (JSON.parse(row.summary) as Record<string, number>) : (row.summary as Record<string, number> | null);
  if (summary && typeof summary.ms === 'number') return summary.ms;
  return Math.max(0, fromSqlTime(row.finished_at).getTime() - fromSqlTime(row.started_at).getTime());
}

/** Grouped counts on the (state, due_at), (kind, state) and (name, started_at) indexes; a few ms on a large table. */
export async function operationalFigures(em: EntityManager, now: Date): Promise<OperationalFigures> {
  const overdueRows = await sqlAll<{ kind: string; state: string; n: number | string }>(
    em,
    `select kind, state, count(*) as n from deadlines where state = 'overdue' or (state = 'open' and due_at < ?) group by kind, state`,
    [now],
  );
  const kinds = new Map<string, { kind: string; flagged: number; pastDueOpen: number }>();
  for (const r of overdueRows) {
    const k = kinds.get(r.kind) ?? { kind: r.kind, flagged: 0, pastDueOpen: 0 };
    if (r.state === 'overdue') k.flagged += Number(r.n);
    else k.pastDueOpen += Number(r.n);
    kinds.set(r.kind, k);
  }
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const runRows = await sqlAll<{ name: string; status: string; n: number | string }>(em, `select name, status, count(*) as n from job_runs where started_at >= ? group by name, status`, [since]);
  const jobs: OperationalFigures['jobs'] = [];
  for (const job of JOBS) {
    const runs24h = { succeeded: 0, failed: 0, running: 0 };
    for (const r of runRows) if (r.name === job.name && r.status in runs24h) runs24h[r.status as keyof typeof runs24h] = Number(r.n);
    const [last] = await sqlAll<{ status: string; started_at: unknown }>(em, `select status, started_at from job_runs where name = ? order by started_at desc, id desc limit 1`, [job.name]);
    const [lastFinished] = await sqlAll<{ started_at: unknown; finished_at: unknown; summary: unknown }>(
      em,
      `select started_at, finished_at, summary from job_runs where name = ? and status <> 'running' and finished_at is not null order by started_at desc, id desc limit 1`,
      [job.name],
    );
    const [lastSuccess] = await sqlAll<{ finished_at: unknown }>(em, `select finished_at from job_runs where name = ? and status = 'succeeded' order by started_at desc, id desc limit 1`, [job.name]);
    jobs.push({
      name: job.name,
      runs24h,
      lastStatus: (last?.status as OperationalFigures['jobs'][number]['lastStatus']) ?? null,
      lastStartedAt: last ? fromSqlTime(last.started_at) : null,
      lastDurationMs: lastFinished ? durationMs(lastFinished) : null,
      lastSucceededAt: lastSuccess?.finished_at ? fromSqlTime(lastSuccess.finished_at) : null,
    });
  }
  return { overdue: [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind)), jobs };
}
