import { sql } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { callRecordScope, type Actor, type CallRecordDto, type CallRecordQuery, type Page } from '@govdata/domain';
import { Department, isPostgres, readTask, runRead } from '@govdata/core';
import { CatalogEntry } from '@govdata/catalog';
import { AppSystem } from '../entities/app-system.entity';
import { CallRecord, type ICallRecord } from '../entities/call-record.entity';

const DAY = 86_400_000;
const startOf = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/**
 * The call records an actor may see (第十六条(四)): a provider the calls on its entries, a consumer its own systems'
 * calls, the bureau and leaders all — with filters by entry, system, department, grant, status and Shanghai dates.
 */
export async function callRecordWhere(em: EntityManager, actor: Actor, q: Omit<CallRecordQuery, 'page' | 'pageSize'>): Promise<Record<string, unknown>> {
  const where: Record<string, unknown> = {};
  if (q.entryId) where.entryId = q.entryId;
  if (q.systemId) where.systemId = q.systemId;
  if (q.departmentId) where.departmentId = q.departmentId;
  if (q.grantId) where.grantId = q.grantId;
  if (q.status) where.status = q.status;
  if (q.from || q.to) where.at = { ...(q.from ? { $gte: startOf(q.from) } : {}), ...(q.to ? { $lt: new Date(startOf(q.to).getTime() + DAY) } : {}) };
  const scope = callRecordScope(actor);
  if (scope !== 'all') {
    const own = await em.find(CatalogEntry, { provider: scope.departmentId }, { fields: ['id'] });
    where.$or = [{ departmentId: scope.departmentId }, ...(own.length ? [{ entryId: { $in: own.map((e) => e.id) } }] : [])];
  }
  return where;
}

export async function callRecordDtos(em: EntityManager, rows: ICallRecord[]): Promise<CallRecordDto[]> {
  const ids = (pick: (r: ICallRecord) => number | null | undefined) => [...new Set(rows.map(pick).filter((x): x is number => typeof x === 'number'))];
  const [systems, depts, entries] = await Promise.all([
    em.find(AppSystem, { id: { $in: ids((r) => r.systemId) } }, { fields: ['name'] }),
    em.find(Department, { id: { $in: ids((r) => r.departmentId) } }, { fields: ['name'] }),
    em.find(CatalogEntry, { id: { $in: ids((r) => r.entryId) } }, { fields: ['name'] }),
  ]);
  const name = <T extends { id: number; name: string }>(list: T[]) => new Map(list.map((x) => [x.id, x.name]));
  const [sn, dn, en] = [name(systems), name(depts), name(entries)];
  const ref = (id: number | null | undefined, names: Map<number, string>) => (typeof id === 'number' ? { id, name: names.get(id) ?? `#${id}` } : null);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    system: ref(r.systemId, sn),
    department: ref(r.departmentId, dn),
    entry: ref(r.entryId, en),
    grantId: r.grantId ?? null,
    queryFields: r.queryFields,
    fieldsReturned: r.fieldsReturned,
    rowCount: r.rowCount,
    status: r.status,
    httpStatus: r.httpStatus,
    latencyMs: r.latencyMs,
    responseHash: r.responseHash ?? null,
    hash: r.hash,
  }));
}

export async function listCallRecords(em: EntityManager, actor: Actor, q: CallRecordQuery): Promise<Page<CallRecordDto>> {
  const where = await callRecordWhere(em, actor, q);
  const [rows, total] = await em.findAndCount(CallRecord, where, { orderBy: { seq: 'desc' }, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await callRecordDtos(em, rows), total, page: q.page, pageSize: q.pageSize };
}

type CallStatsQuery = Omit<CallRecordQuery, 'page' | 'pageSize'>;
type CallStats = { perDay: { day: string; ok: number; refused: number }[]; perDepartment: { department: string; calls: number }[] };

/**
 * Calls per Shanghai day and per consumer department within the filters (the charts of the 调用记录 page): two GROUP
 * BYs over the records the filters select, every one of them counted. (It read the records themselves through the
 * ORM, at most the first 200,000: a year of a city's calls — a million — took 10 s and counted a fifth of them.) A read
 * task (core's `runRead`): over a year it still reads every record of the year, which the API on SQLite does in a
 * worker thread.
 */
export function callRecordStats(em: EntityManager, actor: Actor, q: CallStatsQuery): Promise<CallStats> {
  return runRead(em, callRecordStatsRead, { actor, query: q });
}

export const callRecordStatsRead = readTask('gateway.call-record-stats', (em, a: { actor: Actor; query: CallStatsQuery }) => readCallRecordStats(em, a.actor, a.query));

async function readCallRecordStats(em: EntityManager, actor: Actor, q: CallStatsQuery): Promise<CallStats> {
  const where = await callRecordWhere(em, actor, q);
  const day = isPostgres(em) ? sql`to_char(c.at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')` : sql`strftime('%Y-%m-%d', c.at / 1000 + 28800, 'unixepoch')`;
  const [days, departments] = await Promise.all([
    em
      .createQueryBuilder(CallRecord, 'c')
      .select([day.as('day'), sql`sum(case when c.status = 'ok' then 1 else 0 end)`.as('ok'), sql`sum(case when c.status = 'ok' then 0 else 1 end)`.as('refused')])
      .where(where)
      .groupBy(day)
      .execute<{ day: string; ok: number | string; refused: number | string }[]>('all', false),
    em
      .createQueryBuilder(CallRecord, 'c')
      // the first call's sequence number orders departments with as many calls as the ledger met them
      .select(['c.departmentId', sql`count(*)`.as('calls'), sql`min(c.seq)`.as('first')])
      .where({ $and: [where, { departmentId: { $ne: null } }] })
      .groupBy('c.departmentId')
      .execute<{ department_id: number; calls: number | string; first: number | string }[]>('all', false),
  ]);
  const perDepartment = departments.map((d) => ({ id: Number(d.department_id), calls: Number(d.calls), first: Number(d.first) })).sort((a, b) => b.calls - a.calls || a.first - b.first);
  const names = perDepartment.length ? await em.find(Department, { id: { $in: perDepartment.map((d) => d.id) } }, { fields: ['name'] }) : [];
  const dn = new Map(names.map((d) => [d.id, d.name]));
  return {
    perDay: days.map((d) => ({ day: String(d.day), ok: Number(d.ok), refused: Number(d.refused) })).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)),
    perDepartment: perDepartment.map((d) => ({ department: dn.get(d.id) ?? `#${d.id}`, calls: d.calls })),
  };
}
