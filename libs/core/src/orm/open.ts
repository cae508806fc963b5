import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { ormOptions, parseDatabaseUrl, type DatabaseTarget, type Dialect, type EntityList } from './config';

export interface Database {
  orm: MikroORM;
  dialect: Dialect;
  target: DatabaseTarget;
  /** a fresh EntityManager for one request or one job */
  fork(): EntityManager;
  close(): Promise<void>;
}

/** Opens the database and applies pending migrations (never schema:update outside tests). */
export async function openDatabase(url: string | undefined, opts: { entities: EntityList; migrate?: boolean; debug?: boolean }): Promise<Database> {
  const target = parseDatabaseUrl(url);
  const orm = await MikroORM.init(ormOptions(target, { entities: opts.entities, debug: opts.debug }));
  if (opts.migrate !== false) await orm.getMigrator().up();
  return wrap(orm, target);
}

export function wrap(orm: MikroORM, target: DatabaseTarget): Database {
  return {
    orm,
    dialect: target.dialect,
    target,
    fork: () => orm.em.fork() as EntityManager,
    close: () => orm.close(true),
  };
}
