import type { EntityManager } from '@mikro-orm/knex';
import { User } from '../entities/user.entity';
import { roleRecipients } from './notifications';

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
      const users = await em.find(User, { department: { $in: missing }, disabled: false }, { fields: ['id', 'roles', 'department'] });
      for (const id of missing) this.#byDepartment.set(id, []);
      for (const u of users) if (u.roles.includes('dept_admin')) this.#byDepartment.get(u.department.id)?.push(u.id);
    }
    if (bureau && this.#bureau === null) this.#bureau = await roleRecipients(em, ['bureau_admin']);
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
