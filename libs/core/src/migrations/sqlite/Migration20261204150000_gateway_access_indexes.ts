import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for the gateway's reads of every call (issue 15, bench:gateway): a consumer's grants for one entry (the
 * entry's index alone read every consumer's grants of a widely shared entry) and an entry's items in their order
 * (the (entry, removed_at) index, which this one replaces, left a sort of every call's items).
 */
export class Migration20261204150000_gateway_access_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index `share_grants_consumer_id_entry_id_index` on `share_grants` (`consumer_id`, `entry_id`);');
    this.addSql('drop index if exists `catalog_items_entry_id_removed_at_index`;');
    this.addSql('create index `catalog_items_entry_id_removed_at_position_index` on `catalog_items` (`entry_id`, `removed_at`, `position`);');
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists `catalog_items_entry_id_removed_at_position_index`;');
    this.addSql('create index `catalog_items_entry_id_removed_at_index` on `catalog_items` (`entry_id`, `removed_at`);');
    this.addSql('drop index if exists `share_grants_consumer_id_entry_id_index`;');
  }
}
