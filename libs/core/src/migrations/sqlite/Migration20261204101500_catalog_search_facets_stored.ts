import { Migration } from '@mikro-orm/migrations';

/** PostgreSQL's n-gram column takes the facet codes (see the postgresql migration of this name); nothing on SQLite. */
export class Migration20261204101500_catalog_search_facets_stored extends Migration {
  override async up(): Promise<void> {
    // nothing on SQLite
  }

  override async down(): Promise<void> {
    // nothing on SQLite
  }
}
