import { ForbiddenError } from './errors';
import { hasRole, isBureau, type Actor } from './roles';

/**
 * The bureau and the leadership group (第四条) read every department's records: supervision (violations, deadlines),
 * assessment drafts and breakdowns (第三十条), grants, triggers. Everyone else reads their own department's.
 */
export const readsAllDepartments = (actor: Pick<Actor, 'roles'>): boolean => isBureau(actor) || hasRole(actor, 'leader');

/**
 * Department data isolation for the user directory: the bureau sees every department, a department's data officer
 * only its own. Returns the department filter to apply; asking for another department is refused.
 */
export function visibleUserScope(actor: Actor, requestedDepartmentId?: number): number | undefined {
  if (isBureau(actor)) return requestedDepartmentId;
  if (requestedDepartmentId !== undefined && requestedDepartmentId !== actor.departmentId) {
    throw new ForbiddenError('只能查看本部门的用户', 'user.other_department');
  }
  return actor.departmentId;
}

/** A department's own records: the department itself or the bureau. Leaders read through their own routes. */
export function assertOwnDepartment(actor: Actor, departmentId: number, what = '该部门的数据'): void {
  if (isBureau(actor) || actor.departmentId === departmentId) return;
  throw new ForbiddenError(`无权操作${what}：仅限本部门或平台管理员`, 'department.isolation');
}
