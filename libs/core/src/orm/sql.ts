import type { EntityManager } from '@mikro-orm/knex';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';

export const isPostgres = (em: EntityManager): boolean => em.getPlatform() instanceof PostgreSqlPlatform;

/**
 * `%text%` for a LIKE filter. LIKE escaping differs between SQLite (needs an ESCAPE clause) and PostgreSQL, so the
 * wildcard characters are dropped from the user's text instead: searching never turns into a pattern.
 */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '')}%`;
}

/** Case-insensitive "contains" condition: LIKE on SQLite (already case-insensitive for ASCII), ILIKE on PostgreSQL. */
export function containsText(em: EntityManager, text: string): { $like: string } | { $ilike: string } {
  return isPostgres(em) ? { $ilike: likePattern(text) } : { $like: likePattern(text) };
}
