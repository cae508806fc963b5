import { z } from 'zod';

/** The platform's roles (../shared/DESIGN.md §1). */
export const ROLES = ['bureau_admin', 'dept_admin', 'dept_agent', 'leader'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  bureau_admin: '平台管理员（政务信息管理局）',
  dept_admin: '部门数据管理员',
  dept_agent: '授权代理方',
  leader: '领导小组（只读）',
};

/** The acting user as seen by rules and guards. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  roles: readonly Role[];
  departmentId: number;
}

export const hasRole = (actor: Pick<Actor, 'roles'>, ...roles: Role[]): boolean => roles.some((r) => actor.roles.includes(r));
export const isBureau = (actor: Pick<Actor, 'roles'>): boolean => actor.roles.includes('bureau_admin');
