import { Migration } from '@mikro-orm/migrations';

/**
 * PostgreSQL's n-gram index of the catalog search (issue 19, finding 2; see the postgresql migration of this name).
 * SQLite has nothing to add: it keeps the FTS5 trigram table of Migration20261202194500_catalog_search_engines for
 * words of three or more characters and reads the narrow search table once for shorter ones (an embedded catalog
 * is a city's, 50,000 entries: docs/performance.md § Catalog search). The migration exists on both engines so the
 * two lists stay alike.
 */
export class Migration20261204090000_catalog_search_grams extends Migration {
  override async up(): Promise<void> {
    // nothing on SQLite
  }

  override async down(): Promise<void> {
    // nothing on SQLite
  }
}
