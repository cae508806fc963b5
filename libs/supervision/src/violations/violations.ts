import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import {
  assertMayDecideViolation,
  assertMayReadSupervisionRecord,
  ConflictError,
  decideViolation,
  NotFoundError,
  isBureau,
  RuleViolationError,
  supervisionScope,
  violationClause,
  VIOLATION_STATUS_LABELS,
  VIOLATION_TYPE_SPECS,
  type Actor,
  type ManualViolationInput,
  type Page,
  type ViolationDecision,
  type ViolationDto,
  type ViolationExportQuery,
  type ViolationQuery,
} from '@govdata/domain';
import { audit, Department, departmentRecipients, departmentSummary, type IViolation, notify, recordFinding, Violation } from '@govdata/core';
import { NoticeViolation } from '../entities/notice.entity';

const userRef = (u: IViolation['createdBy']) => {
  const e = u?.isInitialized() ? u.getEntity() : null;
  return e ? { id: e.id, displayName: e.displayName } : null;
};

export function violationDto(v: IViolation): ViolationDto {
  return {
    id: v.id,
    type: v.type,
    typeLabel: VIOLATION_TYPE_SPECS[v.type].short,
    clause: violationClause(v.type),
    department: departmentSummary(v.department.getEntity()),
    source: { kind: v.sourceKind, id: v.sourceId },
    status: v.status,
    statusLabel: VIOLATION_STATUS_LABELS[v.status],
    evidence: v.evidence,
    detectedAt: v.detectedAt.toISOString(),
    manual: v.manual,
    createdBy: userRef(v.createdBy),
    decidedBy: userRef(v.decidedBy),
    decidedAt: v.decidedAt?.toISOString() ?? null,
    dismissReason: v.dismissReason ?? null,
    noticeId: v.noticeId ?? null,
  };
}

/** Which of these confirmed violations a draft notice already covers — for the bureau, who selects them for notices. */
async function draftsOf(em: EntityManager, actor: Actor, rows: IViolation[]): Promise<Map<number, number>> {
  const ids = rows.filter((v) => v.status === 'confirmed').map((v) => v.id);
  if (!isBureau(actor) || ids.length === 0) return new Map();
  const links = await em.find(NoticeViolation, { violation: { $in: ids }, notice: { status: 'draft' } }, { fields: ['notice', 'violation'] });
  return new Map(links.map((l) => [l.violation.id, l.notice.id]));
}

const POPULATE = ['department', 'createdBy', 'decidedBy'] as const;

/** The filter of a list or an export, with department isolation applied (a department sees only its own). */
export function violationWhere(actor: Actor, query: ViolationExportQuery) {
  const department = supervisionScope(actor, query.department);
  return {
    ...(query.type !== undefined ? { type: query.type } : {}),
    ...(department !== undefined ? { department } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.sourceKind ? { sourceKind: query.sourceKind } : {}),
    ...(query.manual !== undefined ? { manual: query.manual } : {}),
  };
}

export async function listViolations(em: EntityManager, actor: Actor, query: ViolationQuery): Promise<Page<ViolationDto>> {
  const [rows, total] = await em.findAndCount(Violation, violationWhere(actor, query), {
    populate: POPULATE,
    orderBy: { detectedAt: 'desc', id: 'desc' },
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const drafts = await draftsOf(em, actor, rows);
  return { items: rows.map((v) => ({ ...violationDto(v), draftNoticeId: drafts.get(v.id) ?? null })), total, page: query.page, pageSize: query.pageSize };
}

async function load(em: EntityManager, id: number): Promise<IViolation> {
  const v = await em.findOne(Violation, id, { populate: POPULATE });
  if (!v) throw new NotFoundError(`违规记录 ${id} 不存在`, 'violation.not_found');
  return v;
}

export async function getViolation(em: EntityManager, actor: Actor, id: number): Promise<ViolationDto> {
  const v = await load(em, id);
  assertMayReadSupervisionRecord(actor, v.department.id);
  return { ...violationDto(v), draftNoticeId: (await draftsOf(em, actor, [v])).get(v.id) ?? null };
}

/**
 * The bureau confirms a candidate, or dismisses it with a reason. The row's version guards against two admins
 * deciding at once (the second gets 409); the department's data officers are told of a confirmation.
 */
export async function decideOnViolation(em: EntityManager, actor: Actor, id: number, decision: ViolationDecision, now: Date): Promise<ViolationDto> {
  const v = await load(em, id);
  const before = { status: v.status };
  const next = decideViolation(actor, v.status, decision);
  em.assign(v, { status: next.status, dismissReason: next.dismissReason, decidedBy: actor.userId, decidedAt: now });
  audit(em, {
    actor,
    action: decision.decision === 'confirm' ? 'violation.confirm' : 'violation.dismiss',
    subjectType: 'violation',
    subjectId: v.id,
    before,
    after: { status: next.status, ...(next.dismissReason ? { reason: next.dismissReason } : {}) },
    at: now,
  });
  await em.flush();
  await em.populate(v, ['decidedBy']);
  if (next.status === 'confirmed') {
    await notify(
      em,
      await departmentRecipients(em, v.department.id),
      {
        kind: 'violation.confirmed',
        title: `【违规确认】${violationClause(v.type)} ${VIOLATION_TYPE_SPECS[v.type].short}`,
        body: `平台管理员已确认贵部门的违规记录：${v.evidence.summary}。请按要求整改，后续可能予以书面通报（第三十三条）。`,
        link: `/violations/${v.id}`,
        subjectType: 'violation',
        subjectId: v.id,
        dedupeKey: `violation.confirmed:${v.id}`,
      },
      now,
    );
  }
  return violationDto(v);
}

/**
 * A violation the bureau found by inspection (e.g. 六 a leak, 七 use beyond duties, 九 other): recorded against a
 * department with its facts, confirmed at once unless asked to stay a candidate. The bureau's own lapses are not
 * department violations: they belong on its service record.
 */
export async function recordManualViolation(em: EntityManager, actor: Actor, input: ManualViolationInput, now: Date): Promise<ViolationDto> {
  assertMayDecideViolation(actor);
  const dept = await em.findOne(Department, input.departmentId);
  if (!dept) throw new RuleViolationError(`部门 ${input.departmentId} 不存在，请从部门名录中选择`, 'violation.department_unknown');
  if (dept.isBureau) throw new RuleViolationError('政务信息管理局自身的问题记入本局服务记录，不作为部门违规登记', 'violation.bureau_itself');
  const source = input.source ?? { kind: 'inspection', id: randomUUID() };
  const type = input.type as IViolation['type'];
  const confirmed = input.confirmed;
  const recorded = await recordFinding(
    em,
    {
      source,
      violation: { type, departmentId: dept.id, status: confirmed ? 'confirmed' : 'candidate', manual: true },
      evidence: {
        summary: input.summary,
        observedAt: input.observedAt ? new Date(input.observedAt).toISOString() : now.toISOString(),
        article: input.article ?? violationClause(type),
        ...(input.details ? { details: input.details } : {}),
      },
      // a candidate waits for the decision, which tells the department then (decideOnViolation)
      ...(confirmed
        ? {
            notify: {
              kind: 'violation.confirmed',
              title: `【违规登记】${violationClause(type)} ${VIOLATION_TYPE_SPECS[type].short}`,
              body: `平台管理员经检查登记了贵部门的违规记录：${input.summary}。请按要求整改（第三十三条）。`,
            },
          }
        : {}),
    },
    { actor },
    now,
  );
  if (!recorded.created) throw new ConflictError(`该事项已登记过同类违规（违规记录 ${recorded.id}），请勿重复登记`, 'violation.duplicate', { violationId: recorded.id });
  return getViolation(em, actor, recorded.id);
}
