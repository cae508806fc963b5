import { ForbiddenError } from '../errors';
import { hasRole, isBureau, type Actor } from '../roles';
import type { EntryStatus, ResourceType } from './enums';

/**
 * Who may see and change which catalog entries (第六条, 第七条 "谁编制、谁维护"):
 * - a department's data officer maintains its own department resources;
 * - base and thematic library resources are maintained by the library's lead department (牵头部门), configured by
 *   the bureau — not by whoever happens to be named as provider;
 * - the bureau sees and may edit everything; leaders and review agents read only;
 * - every logged-in user reads published resources (share requests need them); drafts stay with their maintainers.
 */
export interface EntryAccessFacts {
  providerId: number;
  resourceType: ResourceType;
  library: string | null;
  status: EntryStatus;
}

/** The department that maintains an entry: the library's lead for library resources (null when none is set). */
export function maintainingDepartment(entry: Pick<EntryAccessFacts, 'providerId' | 'resourceType'>, libraryLeadId: number | null): number | null {
  return entry.resourceType === 'department' ? entry.providerId : libraryLeadId;
}

export function canEditEntry(actor: Actor, entry: EntryAccessFacts, libraryLeadId: number | null): boolean {
  if (isBureau(actor)) return true;
  if (!hasRole(actor, 'dept_admin')) return false;
  if (entry.status === 'retired') return false;
  return maintainingDepartment(entry, libraryLeadId) === actor.departmentId;
}

export function assertCanEditEntry(actor: Actor, entry: EntryAccessFacts, libraryLeadId: number | null): void {
  if (canEditEntry(actor, entry, libraryLeadId)) return;
  if (!hasRole(actor, 'bureau_admin', 'dept_admin')) throw new ForbiddenError('您的角色只能查看资源目录，不能修改', 'catalog.read_only_role');
  if (entry.status === 'retired') throw new ForbiddenError('已下线的资源不能再修改', 'catalog.retired');
  if (entry.resourceType !== 'department') {
    throw new ForbiddenError(
      libraryLeadId === null
        ? '该库尚未指定牵头部门，其资源目录暂由平台管理员维护（第六条）'
        : '基础库、主题库的资源目录由该库的牵头部门编制维护（第六条），本部门无权修改',
      'catalog.not_library_lead',
    );
  }
  throw new ForbiddenError('只能修改本部门编制的资源目录（第七条“谁编制、谁维护”）', 'catalog.other_department');
}

export function canReadEntry(actor: Actor, entry: EntryAccessFacts, libraryLeadId: number | null): boolean {
  if (entry.status !== 'draft') return true;
  if (isBureau(actor) || hasRole(actor, 'leader')) return true;
  return maintainingDepartment(entry, libraryLeadId) === actor.departmentId || entry.providerId === actor.departmentId;
}

/**
 * Creating an entry: the provider is the caller's department unless the bureau names one; a library resource can
 * only be created by the library's lead (or the bureau). Returns the provider department id.
 */
export function resolveNewEntryProvider(actor: Actor, input: { resourceType: ResourceType; providerId?: number }, libraryLeadId: number | null): number {
  if (isBureau(actor)) return input.providerId ?? actor.departmentId;
  if (!hasRole(actor, 'dept_admin')) throw new ForbiddenError('您的角色不能编制资源目录', 'catalog.read_only_role');
  if (input.providerId !== undefined && input.providerId !== actor.departmentId) {
    throw new ForbiddenError('提供部门只能是本部门；由平台管理员代为编制时才可指定其他部门', 'catalog.other_department');
  }
  const providerId = actor.departmentId;
  assertCanEditEntry(actor, { providerId, resourceType: input.resourceType, library: null, status: 'draft' }, libraryLeadId);
  return providerId;
}

/** Changing the provider of an existing entry is the bureau's call. */
export function assertCanChangeProvider(actor: Actor, currentProviderId: number, requested: number | undefined): void {
  if (requested === undefined || requested === currentProviderId || isBureau(actor)) return;
  throw new ForbiddenError('只有平台管理员可以变更资源的提供部门', 'catalog.provider_change');
}

/** 第七条: the bureau registers triggers for any department, a department's data officer for its own. */
export function assertCanRegisterTrigger(actor: Actor, departmentId: number): void {
  if (isBureau(actor)) return;
  if (hasRole(actor, 'dept_admin') && actor.departmentId === departmentId) return;
  throw new ForbiddenError('部门只能为本部门登记目录更新事由；为其他部门登记请联系平台管理员', 'catalog.trigger_other_department');
}

/** 第七条: a trigger is resolved (and its versions linked) by the department's data officer, or by the bureau. */
export const canResolveTrigger = (actor: Actor, departmentId: number): boolean => isBureau(actor) || (hasRole(actor, 'dept_admin') && actor.departmentId === departmentId);

export function assertCanResolveTrigger(actor: Actor, departmentId: number): void {
  if (!canResolveTrigger(actor, departmentId)) throw new ForbiddenError('只能办结本部门的目录更新事项', 'catalog.trigger_other_department');
}

/** Only the bureau cancels a trigger registered in error. */
export const canCancelTrigger = (actor: Actor): boolean => isBureau(actor);

/** The department filter of a department-scoped view (the export, the trigger list): the bureau and leaders choose, others get their own. */
export function departmentScope(actor: Actor, requested: number | undefined, what: string): number | undefined {
  if (isBureau(actor) || hasRole(actor, 'leader')) return requested;
  if (requested !== undefined && requested !== actor.departmentId) throw new ForbiddenError(`只能查看本部门的${what}`, 'catalog.other_department');
  return actor.departmentId;
}
