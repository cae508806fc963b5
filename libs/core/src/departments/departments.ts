import { shanghaiDate } from '@govdata/workdays';
import { sql, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import {
  ConflictError,
  NotFoundError,
  RuleViolationError,
  regionName,
  type Actor,
  type DepartmentDto,
  type DepartmentInput,
  type DepartmentQuery,
  type DepartmentSummary,
  type Page,
} from '@govdata/domain';
import { audit } from '../audit/audit';
import { Department, type IDepartment } from '../entities/department.entity';
import { User } from '../entities/user.entity';
import { containsText } from '../orm/sql';

export const departmentSummary = (d: Pick<IDepartment, 'id' | 'code' | 'name'>): DepartmentSummary => ({ id: d.id, code: d.code, name: d.name });

export function departmentDto(d: IDepartment, userCount: number): DepartmentDto {
  const parent = d.parent?.isInitialized() ? d.parent.getEntity() : null;
  return {
    ...departmentSummary(d),
    shortName: d.shortName ?? null,
    kind: d.kind,
    regionCode: d.regionCode,
    regionName: regionName(d.regionCode),
    parent: parent ? departmentSummary(parent) : null,
    isBureau: d.isBureau,
    responsiblePerson: d.responsiblePerson ?? null,
    contactPerson: d.contactPerson ?? null,
    contactPhone: d.contactPhone ?? null,
    contactEmail: d.contactEmail ?? null,
    filedAt: d.filedAt ?? null,
    userCount,
  };
}

async function userCounts(em: EntityManager, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows: { department: number; n: number | string }[] = await em
    .createQueryBuilder(User, 'u')
    .select(['u.department', sql`count(*)`.as('n')])
    .where({ department: { $in: ids } })
    .groupBy('u.department')
    .execute();
  return new Map(rows.map((r) => [Number(r.department), Number(r.n)]));
}

export async function listDepartments(em: EntityManager, query: DepartmentQuery): Promise<Page<DepartmentDto>> {
  const where: FilterQuery<IDepartment> = {};
  if (query.kind) where.kind = query.kind;
  if (query.regionCode) where.regionCode = query.regionCode;
  if (query.q) {
    const like = containsText(em, query.q);
    where.$or = [{ name: like }, { code: like }, { shortName: like }];
  }
  const [rows, total] = await em.findAndCount(Department, where, {
    populate: ['parent'],
    orderBy: { sortOrder: 'asc', id: 'asc' },
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const counts = await userCounts(em, rows.map((d) => d.id));
  return { items: rows.map((d) => departmentDto(d, counts.get(d.id) ?? 0)), total, page: query.page, pageSize: query.pageSize };
}

export async function getDepartment(em: EntityManager, id: number): Promise<DepartmentDto> {
  const d = await em.findOne(Department, id, { populate: ['parent'] });
  if (!d) throw new NotFoundError(`部门 ${id} 不存在`, 'department.not_found');
  return departmentDto(d, (await userCounts(em, [id])).get(id) ?? 0);
}

async function assertUnique(em: EntityManager, input: Partial<DepartmentInput>, exceptId?: number): Promise<void> {
  for (const field of ['code', 'name'] as const) {
    const value = input[field];
    if (!value) continue;
    const other = await em.findOne(Department, { [field]: value, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
    if (other) throw new ConflictError(field === 'code' ? `统一社会信用代码 ${value} 已被“${other.name}”使用` : `已存在名为“${value}”的部门`, `department.duplicate_${field}`);
  }
}

async function resolveParent(em: EntityManager, parentId: number | null | undefined, selfId?: number): Promise<IDepartment | null> {
  if (parentId == null) return null;
  if (parentId === selfId) throw new RuleViolationError('上级部门不能是部门自身', 'department.parent_self');
  const parent = await em.findOne(Department, parentId);
  if (!parent) throw new RuleViolationError(`上级部门 ${parentId} 不存在`, 'department.parent_not_found');
  return parent;
}

const snapshot = (d: IDepartment) => ({ ...departmentDto(d, 0), userCount: undefined });

export async function createDepartment(em: EntityManager, actor: Actor, input: DepartmentInput, now: Date): Promise<DepartmentDto> {
  await assertUnique(em, input);
  const parent = await resolveParent(em, input.parentId);
  const d = em.create(Department, {
    code: input.code,
    name: input.name,
    shortName: input.shortName ?? null,
    kind: input.kind,
    regionCode: input.regionCode,
    parent,
    isBureau: false,
    responsiblePerson: input.responsiblePerson ?? null,
    contactPerson: input.contactPerson ?? null,
    contactPhone: input.contactPhone ?? null,
    contactEmail: input.contactEmail ?? null,
    filedAt: input.responsiblePerson ? shanghaiDate(now) : null,
    sortOrder: 1000,
    createdAt: now,
    updatedAt: now,
  });
  await em.flush();
  audit(em, { actor, action: 'department.create', subjectType: 'department', subjectId: d.id, after: snapshot(d), at: now });
  await em.flush();
  return departmentDto(d, 0);
}

export async function updateDepartment(em: EntityManager, actor: Actor, id: number, patch: Partial<DepartmentInput>, now: Date): Promise<DepartmentDto> {
  const d = await em.findOne(Department, id, { populate: ['parent'] });
  if (!d) throw new NotFoundError(`部门 ${id} 不存在`, 'department.not_found');
  await assertUnique(em, patch, id);
  const before = snapshot(d);
  const { parentId, ...fields } = patch;
  if (parentId !== undefined) d.parent = (await resolveParent(em, parentId, id)) as never;
  em.assign(d, fields);
  if (patch.responsiblePerson !== undefined && patch.responsiblePerson !== before.responsiblePerson) d.filedAt = shanghaiDate(now);
  d.updatedAt = now;
  audit(em, { actor, action: 'department.update', subjectType: 'department', subjectId: d.id, before, after: snapshot(d), at: now });
  await em.flush();
  return getDepartment(em, id);
}
