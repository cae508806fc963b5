import { Migration } from '@mikro-orm/migrations';

/**
 * The open catalog's facets and joins from indexes alone (bench:portal): the facet columns of the entries, and the
 * open datasets by entry and withdrawal.
 */
export class Migration20261204014940_open_catalog_facets extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "catalog_entries_open_facets_index" on "catalog_entries" ("status", "open_type", "provider_id", "resource_type", "library", "format", "update_cycle");`);

    this.addSql(`create index "open_datasets_entry_id_withdrawn_at_index" on "open_datasets" ("entry_id", "withdrawn_at");`);

  }

  override async down(): Promise<void> {
    this.addSql(`drop index "catalog_entries_open_facets_index";`);


    this.addSql(`drop index "open_datasets_entry_id_withdrawn_at_index";`);
  }

}
