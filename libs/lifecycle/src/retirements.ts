import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import {
  assertCanDecideRetirement,
  assertCanReturnRetirement,
  assertCanWithdrawRetirement,
  assertRetirementProposal,
  hasRole,
  isBureau,
  NotFoundError,
  readsAllDepartments,
  RETIREMENT_REMINDER_DAYS,
  RETIREMENT_TRANSITION,
  retirementDue,
  sunsetInstant,
  type Actor,
  type DepartmentSummary,
  type EntryLifecycleDto,
  type Page,
  type ProposeRetirementInput,
  type RetirementDto,
  type RetirementQuery,
} from '@govdata/domain';
import { naturalDaysBetween, shanghaiDate } from '@govdata/workdays';
import { audit, containsText, Department, departmentRecipients, departmentSummary, fromSqlTime, insertSystemAudit, notifyMany, roleRecipients, sqlAll, type JobDefinition, type Outgoing, type SystemAuditRow } from '@govdata/core';
import { CatalogDedicatedDepartment, CatalogEntry, type ICatalogEntry } from '@govdata/catalog';
import { ShareGrant } from '@govdata/sharing';
import { DatasetVersion, liveVersion } from '@govdata/gateway';
import { Retirement, type IRetirement } from './entities/retirement.entity';
import { correctingEntries, usesEntry, type LifecycleContext } from './corrections';

const PENDING = ['proposed', 'approved'] as const;

/**
 * 申请下线 (第十九条): the provider names the reason, a live replacement and a date at least 20 natural days ahead;
 * the bureau is told. Nothing changes for consumers until the bureau approves.
 */
export async function proposeRetirement(ctx: LifecycleContext, actor: Actor, entryId: number, input: ProposeRetirementInput): Promise<{ id: number; status: 'proposed'; retireOn: string }> {
  const { em, now } = ctx;
  const entry = await em.findOne(CatalogEntry, entryId, { populate: ['provider'] });
  if (!entry) throw new NotFoundError(`资源 ${entryId} 不存在`, 'retirement.entry_not_found');
  const replacement = input.replacementEntryId === entryId ? entry : await em.findOne(CatalogEntry, input.replacementEntryId);
  const pending = (await em.count(Retirement, { entry: entryId, status: { $in: [...PENDING] } })) > 0;
  const entryHadData = (await em.count(DatasetVersion, { entry: entryId })) > 0;
  const replacementHasLiveData = replacement ? (await liveVersion(em, replacement.id)) !== null : false;
  assertRetirementProposal(
    actor,
    {
      entry: { id: entry.id, name: entry.name, status: entry.status, providerId: entry.provider.id },
      replacement: replacement ? { id: replacement.id, name: replacement.name, status: replacement.status } : null,
      retireOn: input.retireOn,
      entryHadData,
      replacementHasLiveData,
      pending,
    },
    shanghaiDate(now),
  );
  const r = em.create(Retirement, {
    entry: entry.id,
    replacement: input.replacementEntryId,
    provider: entry.provider.id,
    reason: input.reason,
    retireOn: input.retireOn,
    status: 'proposed',
    proposedBy: actor.userId,
    proposedByName: actor.displayName.slice(0, 60),
    proposedAt: now,
  });
  await em.flush();
  audit(em, { actor, action: 'retirement.propose', subjectType: 'retirement', subjectId: r.id, after: { entryId, replacementEntryId: input.replacementEntryId, retireOn: input.retireOn }, at: now });
  await notifyMany(
    em,
    [
      {
        recipients: await roleRecipients(em, ['bureau_admin']),
        input: {
          kind: 'retirement.proposed',
          title: `【下线申请待审核】${entry.name}`,
          body: `${entry.provider.getEntity().name}申请于 ${input.retireOn} 下线资源“${entry.name}”，替代资源“${replacement?.name ?? ''}”。理由：${input.reason.slice(0, 120)}。请审核（第十九条）。`,
          link: `/retirements?q=%23${r.id}`,
          subjectType: 'retirement',
          subjectId: r.id,
          dedupeKey: `retirement.proposed:${r.id}`,
        },
      },
    ],
    now,
  );
  return { id: r.id, status: 'proposed', retireOn: r.retireOn };
}

async function loadRetirement(em: EntityManager, id: number): Promise<IRetirement> {
  const r = await em.findOne(Retirement, id, { populate: ['entry', 'replacement', 'provider'] });
  if (!r) throw new NotFoundError(`下线申请 ${id} 不存在`, 'retirement.not_found');
  return r;
}

/** Every department that uses the entry: active grants (whatever their end date) and the 专用 list (第十六条(三)). */
async function consumersOf(em: EntityManager, entryId: number): Promise<number[]> {
  const grants = await em.find(ShareGrant, { entry: entryId, status: 'active' }, { fields: ['consumer'] });
  const dedicated = await em.find(CatalogDedicatedDepartment, { entry: entryId }, { fields: ['department'] });
  return [...new Set([...grants.map((g) => g.consumer.id), ...dedicated.map((d) => d.department.id)])];
}

async function officersOf(em: EntityManager, departments: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (const d of departments) out.set(d, await departmentRecipients(em, d, ['dept_admin']));
  return out;
}

const noticeBody = (r: IRetirement, lead: string) => {
  const entry = r.entry.getEntity();
  const replacement = r.replacement.getEntity();
  return `${lead}资源“${entry.name}”（${entry.code}，${r.provider.getEntity().name}）将于 ${r.retireOn} 下线（第十九条，过渡期不少于 ${RETIREMENT_TRANSITION.n} 个自然日）。替代资源：“${replacement.name}”（${replacement.code}），请及时申请并切换；下线后原共享授权终止，请按第二十七条确认销毁已获取的数据。`;
};

/** Tells every consumer of a retirement (one notification per department's data officers, deduplicated by `key`). */
async function tellConsumers(em: EntityManager, r: IRetirement, consumers: number[], kind: string, title: string, body: string, key: string, now: Date, link = `/catalog/entries/${r.replacement.id}`): Promise<number> {
  const officers = await officersOf(em, consumers);
  const outgoing: Outgoing[] = consumers.map((d) => ({ recipients: officers.get(d) ?? [], input: { kind, title, body, link, subjectType: 'retirement', subjectId: r.id, dedupeKey: `${key}:${r.id}:${d}` } }));
  return notifyMany(em, outgoing, now);
}

/**
 * 批准下线: the entry enters its transition period (`retiring`, its replacement recorded on it): new requests are
 * refused with a pointer to the replacement, the gateway answers with Deprecation/Sunset headers, and every consumer
 * is told at once (again 5 days before and on the day, by the daily job).
 */
export async function approveRetirement(ctx: LifecycleContext, actor: Actor, id: number): Promise<RetirementDto> {
  const { em, now } = ctx;
  const r = await loadRetirement(em, id);
  assertCanDecideRetirement(actor, { status: r.status, providerId: r.provider.id, retireOn: r.retireOn }, shanghaiDate(now));
  const entry = r.entry.getEntity();
  em.assign(r, { status: 'approved', decidedAt: now, decidedByName: actor.displayName.slice(0, 60) });
  em.assign(entry, { status: 'retiring', replacedById: r.replacement.id, updatedAt: now });
  audit(em, { actor, action: 'retirement.approve', subjectType: 'retirement', subjectId: r.id, before: { status: 'proposed' }, after: { status: 'approved', retireOn: r.retireOn }, at: now });
  audit(em, { actor, action: 'catalog.entry.retiring', subjectType: 'catalog_entry', subjectId: entry.id, before: { status: 'published' }, after: { status: 'retiring', replacedById: r.replacement.id, retireOn: r.retireOn }, at: now });
  const consumers = await consumersOf(em, entry.id);
  await tellConsumers(em, r, consumers, 'retirement.announced', `【资源下线通知】${entry.name}将于 ${r.retireOn} 下线`, noticeBody(r, ''), 'retirement.announced', now);
  await notifyMany(em, [{ recipients: await departmentRecipients(em, r.provider.id, ['dept_admin']), input: { kind: 'retirement.approved', title: `【下线申请已批准】${entry.name}`, body: `资源“${entry.name}”的下线申请已批准，将于 ${r.retireOn} 下线；过渡期内请保持原资源正常提供。已通知 ${consumers.length} 个使用部门。`, link: `/catalog/entries/${entry.id}`, subjectType: 'retirement', subjectId: r.id, dedupeKey: `retirement.approved:${r.id}` } }], now);
  await em.flush();
  return retirementDto(ctx, actor, r);
}

export async function returnRetirement(ctx: LifecycleContext, actor: Actor, id: number, reason: string): Promise<RetirementDto> {
  const { em, now } = ctx;
  const r = await loadRetirement(em, id);
  assertCanReturnRetirement(actor, { status: r.status, providerId: r.provider.id, retireOn: r.retireOn });
  em.assign(r, { status: 'returned', decidedAt: now, decidedByName: actor.displayName.slice(0, 60), returnReason: reason });
  audit(em, { actor, action: 'retirement.return', subjectType: 'retirement', subjectId: r.id, before: { status: 'proposed' }, after: { status: 'returned', reason }, at: now });
  const entry = r.entry.getEntity();
  await notifyMany(em, [{ recipients: await departmentRecipients(em, r.provider.id, ['dept_admin']), input: { kind: 'retirement.returned', title: `【下线申请退回】${entry.name}`, body: `资源“${entry.name}”的下线申请已退回：${reason}。资源继续正常提供；如需下线，请修改后重新申请。`, link: `/catalog/entries/${entry.id}`, subjectType: 'retirement', subjectId: r.id, dedupeKey: `retirement.returned:${r.id}` } }], now);
  await em.flush();
  return retirementDto(ctx, actor, r);
}

/** The provider withdraws a proposal (or an approved retirement before its date): the entry is published again. */
export async function withdrawRetirement(ctx: LifecycleContext, actor: Actor, id: number, reason: string | undefined): Promise<RetirementDto> {
  const { em, now } = ctx;
  const r = await loadRetirement(em, id);
  assertCanWithdrawRetirement(actor, { status: r.status, providerId: r.provider.id, retireOn: r.retireOn });
  const before = r.status;
  const entry = r.entry.getEntity();
  em.assign(r, { status: 'withdrawn', decidedAt: now, returnReason: reason ?? null });
  audit(em, { actor, action: 'retirement.withdraw', subjectType: 'retirement', subjectId: r.id, before: { status: before }, after: { status: 'withdrawn', reason: reason ?? null }, at: now });
  if (before === 'approved') {
    em.assign(entry, { status: 'published', replacedById: null, updatedAt: now });
    audit(em, { actor, action: 'catalog.entry.retirement_withdrawn', subjectType: 'catalog_entry', subjectId: entry.id, before: { status: 'retiring' }, after: { status: 'published' }, at: now });
    const consumers = await consumersOf(em, entry.id);
    await tellConsumers(em, r, consumers, 'retirement.withdrawn', `【下线取消】${entry.name}`, `资源“${entry.name}”原定 ${r.retireOn} 下线，现已取消，资源继续正常提供。`, 'retirement.withdrawn', now, `/catalog/entries/${entry.id}`);
  }
  await em.flush();
  return retirementDto(ctx, actor, r);
}

export async function listRetirements(ctx: LifecycleContext, actor: Actor, query: RetirementQuery): Promise<Page<RetirementDto>> {
  const { em } = ctx;
  const and: FilterQuery<IRetirement>[] = [];
  if (!readsAllDepartments(actor)) and.push({ provider: actor.departmentId });
  if (query.status) and.push({ status: query.status });
  if (query.department) and.push({ provider: query.department });
  if (query.entryId) and.push({ entry: query.entryId });
  if (query.q) {
    const id = /^#\d+$/.test(query.q) ? Number(query.q.slice(1)) : null;
    and.push(id ? { id } : { $or: [{ entry: { name: containsText(em, query.q) } }, { entry: { code: containsText(em, query.q) } }] });
  }
  const [rows, total] = await em.findAndCount(Retirement, and.length ? { $and: and } : {}, { populate: ['entry', 'replacement', 'provider'], orderBy: { proposedAt: 'desc', id: 'desc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  const items: RetirementDto[] = [];
  for (const r of rows) items.push(await retirementDto(ctx, actor, r));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

async function retirementDto(ctx: LifecycleContext, actor: Actor, r: IRetirement): Promise<RetirementDto> {
  const { em, now } = ctx;
  const today = shanghaiDate(now);
  const entry = r.entry.getEntity();
  const replacement = r.replacement.getEntity();
  const consumerIds = r.status === 'approved' || r.status === 'proposed' ? await consumersOf(em, entry.id) : [];
  const consumers: DepartmentSummary[] = consumerIds.length ? (await em.find(Department, { id: { $in: consumerIds } }, { orderBy: { id: 'asc' } })).map(departmentSummary) : [];
  const daysLeft = Math.max(0, naturalDaysBetween(today, r.retireOn));
  const proposed = r.status === 'proposed';
  return {
    id: r.id,
    entry: { id: entry.id, code: entry.code, name: entry.name, status: entry.status },
    replacement: { id: replacement.id, code: replacement.code, name: replacement.name },
    provider: departmentSummary(r.provider.getEntity()),
    reason: r.reason,
    retireOn: r.retireOn,
    status: r.status,
    proposedAt: r.proposedAt.toISOString(),
    proposedBy: r.proposedByName,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedBy: r.decidedByName ?? null,
    returnReason: r.returnReason ?? null,
    retiredAt: r.retiredAt?.toISOString() ?? null,
    daysLeft,
    consumers,
    permissions: {
      canApprove: proposed && isBureau(actor) && r.retireOn > today,
      canReturn: proposed && isBureau(actor),
      canWithdraw: (proposed || r.status === 'approved') && actor.departmentId === r.provider.id && hasRole(actor, 'dept_admin'),
    },
  };
}

/**
 * The daily retirement job (第十九条): for every approved retirement, the consumers are reminded 5 days before the
 * date, and on the date the entry is retired — grants end (revoked by the platform, the consumers asked to declare
 * destruction under 第二十七条), the entry becomes `retired` (its history stays readable; the next catalog release
 * lists it as retired). Idempotent: a retired retirement is not looked at again, reminders carry dedupe keys.
 */
export async function runRetirements(ctx: LifecycleContext): Promise<{ scanned: number; reminded: number; retired: number; grantsEnded: number; notificationsSent: number }> {
  const { em, now } = ctx;
  const today = shanghaiDate(now);
  const rows = await em.find(Retirement, { status: 'approved' }, { populate: ['entry', 'replacement', 'provider'], orderBy: { retireOn: 'asc', id: 'asc' } });
  const out = { scanned: rows.length, reminded: 0, retired: 0, grantsEnded: 0, notificationsSent: 0 };
  const auditRows: SystemAuditRow[] = [];
  for (const r of rows) {
    const due = retirementDue(r.retireOn, today);
    if (!due) continue;
    const entry = r.entry.getEntity();
    if (due === 'remind') {
      if (r.remindedAt) continue;
      const consumers = await consumersOf(em, entry.id);
      out.notificationsSent += await tellConsumers(em, r, consumers, 'retirement.reminder', `【资源即将下线】${entry.name}将于 ${r.retireOn} 下线`, noticeBody(r, `再次提醒（下线前 ${RETIREMENT_REMINDER_DAYS} 日）：`), 'retirement.reminder', now);
      r.remindedAt = now;
      out.reminded++;
      continue;
    }
    const consumers = await consumersOf(em, entry.id);
    const grants = await em.find(ShareGrant, { entry: entry.id, status: 'active' });
    const reason = `资源已于 ${r.retireOn} 下线（第十九条），替代资源：${r.replacement.getEntity().name}`;
    for (const g of grants) {
      em.assign(g, { status: 'revoked', revokedAt: now, revokedBy: null, revokedByName: '平台（资源下线）', revokedBySide: 'provider', revokeReason: reason });
      auditRows.push({ action: 'share_grant.end', subjectType: 'share_grant', subjectId: g.id, before: { status: 'active' }, after: { status: 'revoked', reason, retirementId: r.id } });
    }
    out.grantsEnded += grants.length;
    em.assign(entry, { status: 'retired', updatedAt: now });
    em.assign(r, { status: 'retired', retiredAt: now });
    auditRows.push({ action: 'catalog.entry.retire', subjectType: 'catalog_entry', subjectId: entry.id, before: { status: 'retiring' }, after: { status: 'retired', retirementId: r.id, replacedById: r.replacement.id } });
    auditRows.push({ action: 'retirement.retire', subjectType: 'retirement', subjectId: r.id, before: { status: 'approved' }, after: { status: 'retired', grantsEnded: grants.length } });
    out.notificationsSent += await tellConsumers(
      em,
      r,
      consumers,
      'retirement.retired',
      `【资源已下线】${entry.name}`,
      `资源“${entry.name}”已于 ${r.retireOn} 下线，相关共享授权已终止。请改用替代资源“${r.replacement.getEntity().name}”，并在“数据使用授权”中确认销毁已获取的数据（第二十七条）。`,
      'retirement.retired',
      now,
      '/share/grants?state=revoked',
    );
    out.notificationsSent += await notifyMany(em, [{ recipients: await departmentRecipients(em, r.provider.id, ['dept_admin']), input: { kind: 'retirement.retired', title: `【资源已下线】${entry.name}`, body: `资源“${entry.name}”已按批准于 ${r.retireOn} 下线，终止共享授权 ${grants.length} 项。`, link: `/catalog/entries/${entry.id}`, subjectType: 'retirement', subjectId: r.id, dedupeKey: `retirement.retired.provider:${r.id}` } }], now);
    out.retired++;
  }
  await em.flush();
  await insertSystemAudit(em, 'retirements', auditRows, now);
  return out;
}

/** 资源下线 — daily 00:10 Asia/Shanghai: reminders 5 days before, retirement on the date. */
export const retirementJob: JobDefinition = {
  name: 'retirements',
  title: '资源下线：到期下线、提前 5 日提醒（第十九条）',
  schedule: { pattern: '10 0 * * *' },
  async run({ em, now, calendar }) {
    const r = await em.transactional((tx) => runRetirements({ em: tx, now, calendar }));
    return { scanned: r.scanned, reminded: r.reminded, retired: r.retired, grantsEnded: r.grantsEnded, notificationsSent: r.notificationsSent };
  },
};

/** The entry page's lifecycle part: 纠错中, the announced retirement, and what the user may start. */
export async function entryLifecycle(ctx: LifecycleContext, actor: Actor, entry: Pick<ICatalogEntry, 'id' | 'status'> & { providerId: number }): Promise<EntryLifecycleDto> {
  const { em, now } = ctx;
  const today = shanghaiDate(now);
  const open = (await correctingEntries(em, [entry.id], today)).get(entry.id) ?? 0;
  const r = await em.findOne(Retirement, { entry: entry.id, status: { $in: [...PENDING, 'retired'] } }, { populate: ['replacement'], orderBy: { id: 'desc' } });
  const live = entry.status === 'published' || entry.status === 'retiring';
  const canReportCorrection = live && actor.departmentId !== entry.providerId && (await usesEntry(em, entry.id, actor.departmentId, today));
  const canProposeRetirement = entry.status === 'published' && actor.departmentId === entry.providerId && hasRole(actor, 'dept_admin') && !(r && (r.status === 'proposed' || r.status === 'approved'));
  const replacement = r?.replacement.getEntity();
  return {
    correcting: open > 0,
    openCorrections: open,
    retirement: r && replacement ? { id: r.id, status: r.status, retireOn: r.retireOn, replacement: { id: replacement.id, code: replacement.code, name: replacement.name } } : null,
    canReportCorrection,
    canProposeRetirement,
  };
}

/** The correction header's name on gateway answers (纠错中, 第十七条 照常办理). */
export const CORRECTION_HEADER = 'Govdata-Correction';

/**
 * Headers the gateway adds to an entry's answers: `Govdata-Correction: in-progress; reports=N` while reports are
 * open; for an approved retirement `Deprecation` (RFC 9745, the approval instant), `Sunset` (RFC 8594, the start of
 * the retirement day) and a `Link` to the replacement (rel="successor-version").
 */
export async function lifecycleHeaders(em: EntityManager, entryId: number, now: Date): Promise<Record<string, string>> {
  // plain SQL, one statement: every gateway call asks (bench:gateway); the reports counted are correctingEntries'
  // (an open or contested report, or a correction scheduled for a later day that the bureau did not overturn)
  const headers: Record<string, string> = {};
  const [row] = await sqlAll<{ n: number | string; decided_at: unknown; retire_on: string | null; replacement_id: number | null }>(
    em,
    'select (select count(*) from corrections where entry_id = ?' +
      " and (status in ('open', 'contested') or (decision = 'scheduled' and correct_on >= ? and (bureau_decision is null or bureau_decision <> 'answer_upheld')))) as n," +
      " r.decided_at, r.retire_on, r.replacement_id from (select 1 as one) x left join retirements r on r.entry_id = ? and r.status = 'approved'",
    [entryId, shanghaiDate(now), entryId],
  );
  const open = Number(row?.n ?? 0);
  if (open > 0) headers[CORRECTION_HEADER] = `in-progress; reports=${open}`;
  if (row?.retire_on != null) {
    headers.Deprecation = `@${Math.floor((row.decided_at ? fromSqlTime(row.decided_at) : now).getTime() / 1000)}`;
    headers.Sunset = sunsetInstant(row.retire_on).toUTCString();
    headers.Link = `</gateway/v1/entries/${row.replacement_id}/records>; rel="successor-version", </api/catalog/entries/${row.replacement_id}>; rel="alternate"`;
  }
  return headers;
}
