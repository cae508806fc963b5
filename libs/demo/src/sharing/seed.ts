import type { EntityName, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { DEADLINE_KINDS, DEFAULT_RULE_SET, periodOf, SHARE_STEP_SUBJECT } from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { CatalogDedicatedDepartment, CatalogEntry, CatalogItem } from '@govdata/catalog';
import { Deadline, isPostgres, Notification } from '@govdata/core';
import { ShareAgent, ShareGrant, ShareMessage, ShareRequest, ShareRequestEvent, ShareRequestStep } from '@govdata/sharing';
import type { DemoSeeder, SeedContext } from '../seeder';
import { RequestSimulator, type Cast, type Person, type PlannedRequest, type SeedEntry } from './seed-plan';
import { DUTIES } from './seed-texts';

const DAY = 86_400_000;
/** how many requests the demo holds */
export const DEMO_SHARE_REQUESTS = 3200;

/**
 * Native multi-row inserts in chunks; returns the new ids in row order. A single multi-row INSERT numbers its rows
 * consecutively (one writer while seeding); MikroORM reports the first id on PostgreSQL and the last rowid on SQLite.
 * The range is checked by counting, so a wrong assumption fails the seed instead of mislinking rows.
 */
async function insertAll<T extends object>(em: EntityManager, entity: EntityName<T>, rows: Record<string, unknown>[]): Promise<number[]> {
  const ids: number[] = [];
  const pg = isPostgres(em);
  for (let i = 0; i < rows.length; i += 300) {
    const chunk = rows.slice(i, i + 300);
    let got = ((await em.insertMany<T>(entity, chunk as RequiredEntityData<T>[])) as unknown[]).map(Number);
    if (got.length === 1 && chunk.length > 1) {
      const first = pg ? got[0] : got[0] - chunk.length + 1;
      got = chunk.map((_, j) => first + j);
      const found = await em.count(entity, { id: { $gte: first, $lte: first + chunk.length - 1 } } as never);
      if (found !== chunk.length) throw new Error(`bulk insert ids are not consecutive (${found} of ${chunk.length})`);
    }
    if (got.length !== chunk.length) throw new Error(`bulk insert returned ${got.length} ids for ${chunk.length} rows`);
    ids.push(...got);
  }
  return ids;
}

function castOf(ctx: SeedContext): Cast & { requesters: [Person, number][]; agent: Person | null; gajId: number | null } {
  const officers = new Map<number, Person>();
  const label = (u: { displayName: string; username: string }) => `${u.displayName}(${u.username})`;
  for (const u of ctx.users.values()) {
    const deptId = u.department.id;
    if (!officers.has(deptId) && (u.roles.includes('dept_admin') || u.roles.includes('bureau_admin'))) officers.set(deptId, { id: u.id, label: label(u), departmentId: deptId });
  }
  const reviewers = ['bureau', 'bureau2'].flatMap((n) => {
    const u = ctx.users.get(n);
    return u ? [{ id: u.id, label: label(u), departmentId: u.department.id }] : [];
  });
  const agentUser = ctx.users.get('agent');
  const agent = agentUser ? { id: agentUser.id, label: label(agentUser), departmentId: agentUser.department.id } : null;
  const gajId = ctx.departments.get('gaj')?.id ?? null;
  const demo = new Set(['gaj', 'rsj', 'scjgj'].map((s) => ctx.departments.get(s)?.id));
  const requesters: [Person, number][] = [];
  for (const d of ctx.departments.values()) {
    const o = officers.get(d.id);
    if (!o || d.isBureau) continue;
    requesters.push([o, demo.has(d.id) ? 5 : d.kind === 'county_government' ? 1 : 2]);
  }
  return {
    officerOf: (id) => officers.get(id) ?? reviewers[0],
    reviewers,
    agentFor: (providerId) => (providerId === gajId ? agent : null),
    slowProviders: new Set(),
    requesters,
    agent,
    gajId,
  };
}

/**
 * 共享申请 demo (第十五至十六条, 第二十七条): thousands of requests over the ~18 months before `now` on the published
 * entries that exist, most answered in time, some late, some still open past their due instant (the sweep finds them),
 * with returns and resubmissions, agent replies, negotiations, coordinations, 专用 grants, revocations and destructions.
 */
export const sharingSeeder: DemoSeeder = {
  name: 'sharing',
  async run(ctx) {
    const { em, now } = ctx;
    const rng = ctx.rng.fork('sharing');
    const cal = ctx.calendar.lenient;
    const entryRows = await em.find(CatalogEntry, { status: 'published' }, { orderBy: { id: 'asc' } });
    if (entryRows.length === 0) {
      ctx.log('没有已发布的目录资源，跳过共享申请演示数据');
      return;
    }
    const items = await em.find(CatalogItem, { entry: { $in: entryRows.map((e) => e.id) }, removedAt: null }, { fields: ['id', 'entry'], orderBy: { id: 'asc' } });
    const itemsOf = new Map<number, number[]>();
    for (const i of items) itemsOf.set(i.entry.id, [...(itemsOf.get(i.entry.id) ?? []), i.id]);
    const entries: (SeedEntry & { weight: number; publishedAt: Date; dedicatedTo: number[] })[] = entryRows
      .filter((e) => (itemsOf.get(e.id)?.length ?? 0) > 0)
      .map((e) => ({ id: e.id, providerId: e.provider.id, shareType: e.shareType, version: e.currentVersion, itemIds: itemsOf.get(e.id) ?? [], weight: e.resourceType === 'base' ? 3 : 1, publishedAt: e.publishedAt ?? e.createdAt, dedicatedTo: [] }));
    for (const d of await em.find(CatalogDedicatedDepartment, {})) entries.find((e) => e.id === d.entry.id)?.dedicatedTo.push(d.department.id);

    const cast = castOf(ctx);
    const providers = [...new Set(entries.map((e) => e.providerId))].filter((id) => id !== cast.gajId);
    for (const id of rng.sample(providers, 4)) cast.slowProviders.add(id);
    const sim = new RequestSimulator(cal, rng, now, cast);
    const start = now.getTime() - 540 * DAY;

    const requestable = entries.filter((e) => e.shareType !== 'none').map((e) => [e, e.providerId === cast.gajId ? e.weight * 3 : e.weight] as const);
    const notShared = entries.filter((e) => e.shareType === 'none');
    const openPairs = new Set<string>();
    const plans: PlannedRequest[] = [];
    const OPEN = new Set(['submitted', 'returned', 'provider_review', 'negotiating', 'coordinating']);
    for (let guard = 0; plans.length < DEMO_SHARE_REQUESTS && guard < DEMO_SHARE_REQUESTS * 3; guard++) {
      const submittedAt = sim.workingInstant(new Date(start + (now.getTime() - start) * Math.pow(rng.next(), 0.9)));
      if (submittedAt.getTime() > now.getTime() - 3_600_000) continue;
      const requester = rng.weighted(cast.requesters);
      const coordination = notShared.length > 0 && rng.chance(0.012);
      const entry = coordination ? rng.pick(notShared) : requestable.length ? rng.weighted(requestable) : null;
      if (!entry || entry.providerId === requester.departmentId || entry.dedicatedTo.includes(requester.departmentId) || submittedAt < entry.publishedAt) continue;
      const plan = coordination ? sim.notShared(entry, requester, submittedAt) : sim.request(entry, requester, submittedAt);
      const key = `${requester.departmentId}:${entry.id}`;
      if (OPEN.has(plan.status)) {
        if (openPairs.has(key)) continue;
        openPairs.add(key);
      }
      plans.push(plan);
    }
    plans.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());

    // 授权代理方 (第十六条(一)): the big-data centre's agent answers for 市公安局
    if (cast.agent && cast.gajId) {
      const gajOfficer = cast.officerOf(cast.gajId);
      em.create(ShareAgent, { provider: cast.gajId, user: cast.agent.id, entry: null, scopeKey: 'all', createdBy: gajOfficer.id, createdByName: gajOfficer.label.replace(/\(.*\)$/, ''), createdAt: new Date(start - 30 * DAY) });
      await em.flush();
    }

    await insertPlans(em, plans, now);
    const dedicated = await dedicatedGrants(ctx, sim, entries, cast);
    const notices = await pendingNotices(em, cast, now);
    const count = (s: string) => plans.filter((p) => p.status === s).length;
    ctx.log(`共享申请 ${plans.length} 件（已同意 ${count('approved')}，待审查 ${count('submitted')}，待答复 ${count('provider_review')}，协商 ${count('negotiating')}，协调 ${count('coordinating')}），专用授权 ${dedicated} 个，待办提醒 ${notices} 条`);
  },
};

async function insertPlans(em: EntityManager, plans: PlannedRequest[], now: Date): Promise<void> {
  const requestIds = await insertAll(
    em,
    ShareRequest,
    plans.map((p) => {
      const open = p.steps.find((s) => s.decidedAt === null) ?? null;
      return {
        origin: p.origin, requester: p.requester.departmentId, requestedBy: p.requester.id, requestedByName: p.requester.label.replace(/\(.*\)$/, ''),
        entry: p.entry.id, entryVersion: p.entry.version, provider: p.entry.providerId, shareType: p.entry.shareType, itemIds: p.itemIds, approvedItemIds: p.approvedItemIds,
        purpose: p.purpose, scenario: p.scenario, duty: p.duty, contact: null, status: p.status, conditions: p.conditions, rejectCategory: p.rejectCategory, rejectReason: p.rejectReason,
        coordinationReason: p.coordinationReason, currentStepKind: open?.kind ?? null, currentDueAt: open?.dueAt ?? null, currentDueDate: open?.dueDate ?? null,
        submittedAt: p.submittedAt, decidedAt: p.decidedAt, createdAt: p.submittedAt, updatedAt: p.updatedAt, lockVersion: 1,
      };
    }),
  );
  const steps = plans.flatMap((p, i) => p.steps.map((s) => ({ p, s, requestId: requestIds[i] })));
  const stepIds = await insertAll(
    em,
    ShareRequestStep,
    steps.map(({ s, requestId }) => ({
      request: requestId, seq: s.seq, kind: s.kind, department: s.departmentId, startedAt: s.startedAt, decidedAt: s.decidedAt, decision: s.decision,
      actor: s.actor?.id ?? null, actorName: s.actor?.label ?? null, onBehalfOf: s.onBehalfOf, reasonCategory: s.reasonCategory, reason: s.reason,
    })),
  );
  await insertAll(
    em,
    Deadline,
    steps.map(({ s }, i) => ({
      kind: s.kind, subjectType: SHARE_STEP_SUBJECT, subjectId: stepIds[i], department: s.departmentId, responsible: DEADLINE_KINDS[s.kind].responsible,
      startedAt: s.startedAt, dueAt: s.dueAt, dueDate: s.dueDate, periodN: periodOf(s.kind).n, periodUnit: periodOf(s.kind).unit, ruleSet: DEFAULT_RULE_SET.id, ruleSetVersion: DEFAULT_RULE_SET.version, provisional: s.provisional,
      state: s.deadlineState, completedAt: s.decidedAt, overdueAt: null, createdAt: s.startedAt,
    })),
  );
  await insertAll(
    em,
    ShareRequestEvent,
    plans.flatMap((p, i) => p.events.map((e) => ({ request: requestIds[i], event: e.event, fromStatus: e.from, toStatus: e.to, actor: e.actor.id, actorName: e.actor.label, actorDepartment: e.actor.departmentId, onBehalfOf: e.onBehalfOf, note: e.note, at: e.at }))),
  );
  await insertAll(
    em,
    ShareMessage,
    plans.flatMap((p, i) => p.messages.map((m) => ({ request: requestIds[i], side: m.side, author: m.author.id, authorName: m.author.label.replace(/\(.*\)$/, ''), department: m.author.departmentId, onBehalfOf: m.onBehalfOf, body: m.body, at: m.at }))),
  );
  await insertAll(
    em,
    ShareGrant,
    plans.flatMap((p, i) => (p.grant ? [grantRow(p.grant, { consumer: p.requester.departmentId, provider: p.entry.providerId, entry: p.entry.id, request: requestIds[i], purpose: p.purpose, activeKey: null }, now)] : [])),
  );
}

function grantRow(g: NonNullable<PlannedRequest['grant']>, base: { consumer: number; provider: number; entry: number; request: number | null; purpose: string; activeKey: string | null }, now: Date) {
  return {
    ...base, source: g.source, itemIds: g.itemIds, conditions: g.conditions, grantedAt: g.grantedAt, validUntil: g.validUntil, status: g.status, renewCount: g.renewCount, renewedAt: g.renewedAt,
    activeKey: g.status === 'active' ? base.activeKey : null,
    revokedAt: g.revokedAt, revokedBy: g.revokedBy?.id ?? null, revokedByName: g.revokedBy?.label ?? (g.revokedAt ? '提供部门数据管理员' : null), revokedBySide: g.revokedBySide, revokeReason: g.revokeReason,
    destroyedOn: g.destroyedOn, destructionMethod: g.destructionMethod, destructionNote: null, destructionDeclaredAt: g.destructionDeclaredAt, destructionDeclaredBy: g.destructionDeclaredBy,
    createdAt: g.grantedAt <= now ? g.grantedAt : now, lockVersion: 1,
  };
}

/** 专用 (第十六条(三)): most listed departments opened their dedicated resources soon after publication. */
async function dedicatedGrants(ctx: SeedContext, sim: RequestSimulator, entries: { id: number; providerId: number; itemIds: number[]; publishedAt: Date; dedicatedTo: number[] }[], cast: Cast): Promise<number> {
  const { rng, now } = ctx;
  const r = rng.fork('dedicated');
  const rows = [];
  for (const e of entries) {
    for (const dept of e.dedicatedTo) {
      if (!r.chance(0.85) || dept === e.providerId) continue;
      const at = sim.after(e.publishedAt, r.int(1, 30));
      if (at > now) continue;
      const g = sim.grantLife({ source: 'dedicated', itemIds: e.itemIds, conditions: null, grantedAt: at }, cast.officerOf(dept));
      rows.push(grantRow(g, { consumer: dept, provider: e.providerId, entry: e.id, request: null, purpose: `${r.pick(DUTIES)}（专用部门）`, activeKey: `dedicated:${e.id}:${dept}` }, now));
    }
  }
  await insertAll(ctx.em, ShareGrant, rows);
  return rows.length;
}

/** The inbox of people with open work: requests to review (bureau) and replies due (provider and its agent). */
async function pendingNotices(em: EntityManager, cast: Cast, now: Date): Promise<number> {
  const pending = await em.find(ShareRequest, { status: { $in: ['submitted', 'provider_review'] } }, { populate: ['entry'] });
  const rows = [];
  for (const r of pending) {
    const entryName = r.entry.getEntity().name;
    const review = r.status === 'submitted';
    const agent = cast.agentFor(r.provider.id);
    const recipients = review ? cast.reviewers.map((p) => p.id) : [cast.officerOf(r.provider.id).id, ...(agent ? [agent.id] : [])];
    for (const recipient of recipients) {
      rows.push({
        recipient,
        kind: review ? 'share_request.submit' : 'share_request.pass_conditional',
        title: review ? `共享申请待符合性审查：${entryName}` : `共享申请待答复：${entryName}`,
        body: `${review ? '请完成符合性审查' : '请答复共享申请'}，办理期限 ${r.currentDueDate ?? shanghaiDate(now)}。`,
        link: `/share/requests/${r.id}`,
        subjectType: 'share_request',
        subjectId: String(r.id),
        dedupeKey: null,
        createdAt: r.updatedAt,
        readAt: r.updatedAt.getTime() < now.getTime() - 20 * DAY ? r.updatedAt : null,
      });
    }
  }
  await insertAll(em, Notification, rows);
  return rows.length;
}
