import type { DependencyHealth, Health } from '@govdata/domain';
import type { AppContext } from '../context';

/** How long the health check waits for the database before calling it down (a dead PostgreSQL never answers). */
export const DB_PROBE_TIMEOUT_MS = 2_000;

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}超过 ${ms / 1000} 秒未应答`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** `select 1` on a connection of the pool, timed. */
export async function probeDatabase(ctx: AppContext): Promise<DependencyHealth> {
  const started = performance.now();
  try {
    await within(ctx.db.fork().getConnection().execute('select 1'), DB_PROBE_TIMEOUT_MS, '数据库');
    return { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10, error: null };
  } catch (e) {
    return { status: 'down', latencyMs: null, error: (e instanceof Error ? e.message : String(e)).slice(0, 300) };
  }
}

export async function probeQueue(ctx: AppContext): Promise<DependencyHealth> {
  if (ctx.jobs.ping) return ctx.jobs.ping();
  return ctx.jobs.reachable() ? { status: 'up', latencyMs: null, error: null } : { status: 'down', latencyMs: null, error: '任务队列不可用' };
}

/** Every dependency probed at once; the overall status follows the database (down) and the queue (degraded). */
export async function checkHealth(ctx: AppContext, now: Date): Promise<Health> {
  const [database, queue] = await Promise.all([probeDatabase(ctx), probeQueue(ctx)]);
  return {
    status: database.status === 'down' ? 'down' : queue.status === 'down' ? 'degraded' : 'ok',
    db: ctx.db.dialect,
    queue: ctx.jobs.kind,
    checks: { database: { ...database, dialect: ctx.db.dialect }, queue: { ...queue, kind: ctx.jobs.kind } },
    now: now.toISOString(),
    clockPinned: ctx.clock.pinned,
    version: ctx.version,
  };
}
