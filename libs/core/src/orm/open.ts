import fs from 'node:fs';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { ormOptions, parseDatabaseUrl, type DatabaseTarget, type Dialect, type EntityList } from './config';
import { refreshSqliteStatistics } from './statistics';

export interface Database {
  orm: MikroORM;
  dialect: Dialect;
  target: DatabaseTarget;
  /** a fresh EntityManager for one request or one job */
  fork(): EntityManager;
  close(): Promise<void>;
}

/** Opens the database and applies pending migrations (never schema:update outside tests). */
export async function openDatabase(url: string | undefined, opts: { entities: EntityList; migrate?: boolean; debug?: boolean; quiet?: boolean }): Promise<Database> {
  const target = parseDatabaseUrl(url);
  const orm = await MikroORM.init(ormOptions(target, { entities: opts.entities, debug: opts.debug, quiet: opts.quiet }));
  if (opts.migrate !== false) {
    try {
      await migrate(orm, target);
    } catch (e) {
      await orm.close(true);
      throw e;
    }
  }
  return wrap(orm, target);
}

/**
 * The PostgreSQL advisory lock that serialises migrations between processes (API replicas and schedulers all migrate
 * on boot). Advisory locks are per database, so installations on one server do not wait for each other.
 */
export const MIGRATION_LOCK_KEY = 'govdata:migrations';

/**
 * Applies pending migrations while holding a lock that other processes opening the same database respect: on
 * PostgreSQL a session advisory lock on a connection of its own (the second process waits, then finds nothing to do);
 * on SQLite a lock file beside the database (`<file>.migrate.lock`, holding the owner's pid; a lock left by a dead
 * process is taken over).
 */
export async function migrate(orm: MikroORM, target: DatabaseTarget, opts: { waitMs?: number } = {}): Promise<void> {
  const waitMs = opts.waitMs ?? 5 * 60_000;
  if (target.dialect === 'postgresql') {
    const knex = (orm.em as EntityManager).getConnection().getKnex();
    const conn = await knex.client.acquireConnection();
    try {
      // a lock_timeout bounds the wait, so a wedged holder turns into a clear error instead of a hung boot
      await knex.raw(`set lock_timeout = ${Math.max(1, Math.round(waitMs))}`).connection(conn);
      await knex.raw('select pg_advisory_lock(hashtext(?))', [MIGRATION_LOCK_KEY]).connection(conn);
      try {
        await orm.getMigrator().up();
      } finally {
        await knex.raw('select pg_advisory_unlock(hashtext(?))', [MIGRATION_LOCK_KEY]).connection(conn).catch(() => undefined);
        await knex.raw('set lock_timeout = 0').connection(conn).catch(() => undefined);
      }
    } finally {
      await knex.client.releaseConnection(conn);
    }
    return;
  }
  const release = await sqliteMigrationLock(path.resolve(target.location), waitMs);
  try {
    await orm.getMigrator().up();
    // the planner's statistics, current from the start (statistics.ts)
    await refreshSqliteStatistics((orm.em as EntityManager).getConnection().getKnex());
  } finally {
    release();
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes `<file>.migrate.lock` exclusively (O_EXCL), waiting while a live process holds it. */
async function sqliteMigrationLock(file: string, waitMs: number): Promise<() => void> {
  const lock = `${file}.migrate.lock`;
  const token = `${process.pid}:${Math.random().toString(36).slice(2)}`;
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      fs.writeFileSync(lock, token, { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lock, 'utf8') === token) fs.rmSync(lock, { force: true });
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder = '';
    try {
      holder = fs.readFileSync(lock, 'utf8');
    } catch {
      continue; // released between our attempt and the read
    }
    const pid = Number(holder.split(':')[0]);
    if (holder && (!Number.isInteger(pid) || !alive(pid))) {
      // its owner died mid-migration (the migration's transaction rolled back with it): take the lock over
      fs.rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > until) throw new Error(`数据库迁移锁 ${lock} 被进程 ${pid} 持有超过 ${Math.round(waitMs / 1000)} 秒 — another process is still migrating this SQLite file`);
    await new Promise((r) => setTimeout(r, 100));
  }
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
