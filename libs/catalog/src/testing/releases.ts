import type { EntityManager } from '@mikro-orm/knex';

/**
 * More published entries for a release at test scale: every published entry copied `rounds` times under new codes
 * (`<code>-x<k>`) with its current version, by bulk INSERT … SELECT over the entity's own columns (SQLite and
 * PostgreSQL alike).
 */
export async function multiplyPublishedCatalog(em: EntityManager, rounds: number): Promise<void> {
  const meta = em.getMetadata().get('CatalogEntry');
  const columns = meta.props.filter((p) => p.fieldNames?.length && !p.primary && p.persist !== false && p.kind !== '1:m' && p.kind !== 'm:n').flatMap((p) => p.fieldNames);
  const list = columns.join(', ');
  for (let k = 1; k <= rounds; k++) {
    const select = columns.map((c) => (c === 'code' ? `code || '-x${k}'` : c)).join(', ');
    await em.execute(`insert into catalog_entries (${list}) select ${select} from catalog_entries where status = 'published' and code not like '%-x%'`);
    await em.execute(
      `insert into catalog_entry_versions (entry_id, version, snapshot, diff, note, changed_by_id, changed_by_name, changed_at)
       select n.id, v.version, v.snapshot, v.diff, v.note, v.changed_by_id, v.changed_by_name, v.changed_at
         from catalog_entries o
         join catalog_entry_versions v on v.entry_id = o.id and v.version = o.current_version
         join catalog_entries n on n.code = o.code || '-x${k}'
        where o.status = 'published' and o.code not like '%-x%'`,
    );
  }
}
