import { Migration } from '@mikro-orm/migrations';

/**
 * The catalog list's order is (updated_at, id): the indexes carry id too, so a page is read off them even where
 * thousands of entries share one updated_at (a bulk import) — the provincial catalog's first page sorted 56,000 tied
 * rows on PostgreSQL (issue 19, finding 2).
 */
export class Migration20261204064000_catalog_list_order extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index if exists `catalog_entries_status_updated_at_index`;');
    this.addSql('drop index if exists `catalog_entries_updated_at_index`;');
    this.addSql('create index `catalog_entries_status_updated_at_id_index` on `catalog_entries` (`status`, `updated_at`, `id`);');
    this.addSql('create index `catalog_entries_updated_at_id_index` on `catalog_entries` (`updated_at`, `id`);');
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists `catalog_entries_status_updated_at_id_index`;');
    this.addSql('drop index if exists `catalog_entries_updated_at_id_index`;');
    this.addSql('create index `catalog_entries_status_updated_at_index` on `catalog_entries` (`status`, `updated_at`);');
    this.addSql('create index `catalog_entries_updated_at_index` on `catalog_entries` (`updated_at`);');
  }
}
