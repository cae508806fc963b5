import { ForbiddenError } from '../errors';
import { hasRole, isBureau, type Actor } from '../roles';
import { readsAllDepartments } from '../access';

/**
 * Who does what with data that moves:
 * - the provider department's data officer uploads and publishes its entries' datasets (the bureau may too);
 * - a department registers and manages its own application systems (the bureau any department's);
 * - call records: a provider sees the calls on its entries, a consumer its own systems' calls, bureau and leaders all.
 */
export function assertCanManageDataset(actor: Actor, providerId: number): void {
  if (isBureau(actor)) return;
  if (!hasRole(actor, 'dept_admin')) throw new ForbiddenError('只有提供部门的数据共享责任人可以上传和发布数据', 'dataset.role');
  if (actor.departmentId !== providerId) throw new ForbiddenError('只能上传和发布本部门提供的资源的数据', 'dataset.other_department');
}

/** The same rule as a yes/no, for the console's buttons (`DatasetListDto.permissions`). */
export const canManageDataset = (actor: Actor, providerId: number): boolean => isBureau(actor) || (hasRole(actor, 'dept_admin') && actor.departmentId === providerId);

export const canReadDatasetFull = (actor: Actor, providerId: number): boolean => isBureau(actor) || actor.departmentId === providerId;

export function assertCanManageSystems(actor: Actor, departmentId: number): void {
  if (isBureau(actor)) return;
  if (!hasRole(actor, 'dept_admin')) throw new ForbiddenError('只有部门数据共享责任人可以管理接入系统', 'system.role');
  if (actor.departmentId !== departmentId) throw new ForbiddenError('只能管理本部门的接入系统', 'system.other_department');
}

/** The same rule as a yes/no, for the console's buttons (`SystemDto.permissions`). */
export const canManageSystems = (actor: Actor, departmentId: number): boolean => isBureau(actor) || (hasRole(actor, 'dept_admin') && actor.departmentId === departmentId);

/** The departments whose call records an actor sees: `all`, or as provider and/or consumer of its own department. */
export function callRecordScope(actor: Actor): 'all' | { departmentId: number } {
  return readsAllDepartments(actor) ? 'all' : { departmentId: actor.departmentId };
}
