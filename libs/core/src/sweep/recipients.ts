import type { EntityManager } from '@mikro-orm/knex';
import { User } from '../entities/user.entity';
import { roleRecipients } from '../notifications/notifications';

/**
 * Who is told, looked up once per job run rather than once per item: a department's data officers (dept_admin, as
 * `departmentRecipients`), and
 * the bureau's admins for what the bureau itself must do. Lookups happen before a batch's write transaction opens,
 * because SQLite gives the process one connection and the transaction holds it.
 */
export class RecipientCache {
  readonly #byDepartment = new Map<number, number[]>();
  #bureau: number[] | null = null;

  constructor(private readonly em: EntityManager) {}

  async prefetch(departmentIds: Iterable<number>, bureau: boolean): Promise<void> {
    const missing = [...new Set(departmentIds)].filter((id) => !this.#byDepartment.has(id));
    if (missing.length) {
      // one query for all of them (the rule is departmentRecipients': active users holding dept_admin)
      const users = await this.em.find(User, { department: { $in: missing }, disabled: false }, { fields: ['id', 'roles', 'department'] });
      for (const id of missing) this.#byDepartment.set(id, []);
      for (const u of users) if (u.roles.includes('dept_admin')) this.#byDepartment.get(u.department.id)?.push(u.id);
    }
    if (bureau && this.#bureau === null) this.#bureau = await roleRecipients(this.em, ['bureau_admin']);
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
