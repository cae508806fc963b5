import type { EntityManager } from '@mikro-orm/knex';
import { callRecordScope, type Actor, type CallRecordDto, type CallRecordQuery, type Page } from '@govdata/domain';
import { Department, readTask, runRead } from '@govdata/core';
import { CatalogEntry } from '@govdata/catalog';
import { shanghaiDate } from '@govdata/workdays';
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
 * Calls per Shanghai day and per consumer department within the filters (the charts of the 调用记录 page). Over a
 * year it reads up to 200,000 records: a read task (core's `runRead`), which the API on SQLite runs in a worker thread.
 */
export function callRecordStats(em: EntityManager, actor: Actor, q: CallStatsQuery): Promise<CallStats> {
  return runRead(em, callRecordStatsRead, { actor, query: q });
}

export const callRecordStatsRead = readTask('gateway.call-record-stats', (em, a: { actor: Actor; query: CallStatsQuery }) => readCallRecordStats(em, a.actor, a.query));

async function readCallRecordStats(em: EntityManager, actor: Actor, q: CallStatsQuery): Promise<CallStats> {
  const where = await callRecordWhere(em, actor, q);
  const rows = await em.find(CallRecord, where, { fields: ['at', 'status', 'departmentId'], orderBy: { seq: 'asc' }, limit: 200_000 });
  const perDay = new Map<string, { ok: number; refused: number }>();
  const perDept = new Map<number, number>();
  for (const r of rows) {
    const day = shanghaiDate(r.at);
    const d = perDay.get(day) ?? { ok: 0, refused: 0 };
    if (r.status === 'ok') d.ok++;
    else d.refused++;
    perDay.set(day, d);
    if (r.departmentId) perDept.set(r.departmentId, (perDept.get(r.departmentId) ?? 0) + 1);
  }
  const depts = await em.find(Department, { id: { $in: [...perDept.keys()] } }, { fields: ['name'] });
  const dn = new Map(depts.map((d) => [d.id, d.name]));
  return {
    perDay: [...perDay].map(([day, v]) => ({ day, ...v })),
    perDepartment: [...perDept].map(([id, calls]) => ({ department: dn.get(id) ?? `#${id}`, calls })).sort((a, b) => b.calls - a.calls),
  };
}
