import { Migration } from '@mikro-orm/migrations';

/**
 * The catalog list's text search uses the engine's own index (issue 19, finding 2): a trigram GIN index (pg_trgm, part
 * of PostgreSQL's contrib, in Debian's postgresql package) on the search text, which `like '%…%'` uses. Under a
 * UTF-8 locale pg_trgm makes trigrams of Chinese characters too.
 */
export class Migration20261202194500_catalog_search_engines extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists pg_trgm;');
    this.addSql('create index catalog_search_text_trgm on catalog_search using gin (text gin_trgm_ops);');
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists catalog_search_text_trgm;');
  }
}
