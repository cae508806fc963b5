import type { EntityManager } from '@mikro-orm/knex';
import type { Role } from '@govdata/domain';
import { placeholders, sqlAll } from '../orm/raw';

/** A user as the jobs' recipient lookups read it: id, department and roles, no entity. */
export interface ActiveUser {
  id: number;
  departmentId: number;
  roles: Role[];
}

/** the JSON column as the driver returns it: text on SQLite, parsed on PostgreSQL (jsonb) */
const rolesOf = (value: unknown): Role[] => (typeof value === 'string' ? (JSON.parse(value) as Role[]) : ((value as Role[] | null) ?? []));
const asUsers = (rows: { id: number; department_id: number; roles: unknown }[]): ActiveUser[] => rows.map((r) => ({ id: Number(r.id), departmentId: Number(r.department_id), roles: rolesOf(r.roles) }));

/**
 * The active users of these departments, one bound statement (no entity is made: a job's batch reads a few hundred
 * of them, and the ORM's find with its hydration cost milliseconds for every batch of the sweep, however small).
 */
export async function activeUsersOf(em: EntityManager, departmentIds: readonly number[]): Promise<ActiveUser[]> {
  const ids = [...new Set(departmentIds)];
  if (ids.length === 0) return [];
  return asUsers(await sqlAll(em, `select id, department_id, roles from users where disabled = ? and department_id in (${placeholders(ids.length)}) order by id`, [false, ...ids]));
}

/** The active users holding a role anywhere (as `roleRecipients`, by one bound statement). */
export async function activeUsersWithRole(em: EntityManager, role: Role): Promise<ActiveUser[]> {
  const users = asUsers(await sqlAll(em, 'select id, department_id, roles from users where disabled = ? and cast(roles as text) like ? order by id', [false, `%"${role}"%`]));
  return users.filter((u) => u.roles.includes(role));
}

/**
 * Who is told, looked up once per job run rather than once per item: a department's data officers (dept_admin, as
 * `departmentRecipients`), and the bureau's admins for what the bureau itself must do. `prefetch` takes the
 * EntityManager to query with: a job prefetches before a batch's write transaction opens (SQLite gives the process
 * one connection and the transaction holds it), the findings door inside the transaction it is given.
 */
export class RecipientCache {
  readonly #byDepartment = new Map<number, number[]>();
  #bureau: number[] | null = null;

  async prefetch(em: EntityManager, departmentIds: Iterable<number>, bureau: boolean): Promise<void> {
    const missing = [...new Set(departmentIds)].filter((id) => !this.#byDepartment.has(id));
    if (missing.length) {
      // one query for all of them (the rule is departmentRecipients': active users holding dept_admin)
      const users = await activeUsersOf(em, missing);
      for (const id of missing) this.#byDepartment.set(id, []);
      for (const u of users) if (u.roles.includes('dept_admin')) this.#byDepartment.get(u.departmentId)?.push(u.id);
    }
    if (bureau && this.#bureau === null) this.#bureau = (await activeUsersWithRole(em, 'bureau_admin')).map((u) => u.id);
  }

  department(id: number): number[] {
    const r = this.#byDepartment.get(id);
    if (!r) throw new Error(`recipients of department ${id} were not prefetched`);
    return r;
  }

  bureau(): number[] {
    if (this.#bureau === null) throw new Error('bureau recipients were not prefetched');
    return this.#bureau;
  }
}

/** A department's officers plus those acting for it on one subject (a provider's review agents), each once. */
export const withActors = (officers: number[], actsFor: number[] | undefined): number[] => (actsFor?.length ? [...new Set([...officers, ...actsFor])] : officers);
