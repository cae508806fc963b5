import { Migration } from '@mikro-orm/migrations';

/**
 * 接口服务 (issue 15 §2): an entry's upstream interface with its circuit-breaker state. 数据已在平台 becomes derived (a
 * live dataset version or a healthy interface): the stored flags are recomputed — a flag set by hand without data on
 * the platform is cleared.
 */
export class Migration20261204050000_dataset_upstreams extends Migration {
  override async up(): Promise<void> {
    this.addSql("create table `dataset_upstreams` (`id` integer not null primary key autoincrement, `entry_id` integer not null, `url` text not null, `timeout_ms` integer not null, `registered_at` datetime not null, `registered_by_id` integer null, `registered_by_name` text not null, `updated_at` datetime not null, `consecutive_failures` integer not null default 0, `opened_until` datetime null, `last_success_at` datetime null, `last_failure_at` datetime null, `last_error` text null, constraint `dataset_upstreams_entry_id_foreign` foreign key(`entry_id`) references `catalog_entries`(`id`) on update cascade, constraint `dataset_upstreams_registered_by_id_foreign` foreign key(`registered_by_id`) references `users`(`id`) on delete set null on update cascade);");
    this.addSql('create unique index `dataset_upstreams_entry_id_unique` on `dataset_upstreams` (`entry_id`);');
    this.addSql('create index `dataset_upstreams_registered_by_id_index` on `dataset_upstreams` (`registered_by_id`);');
    this.addSql("update `catalog_entries` set `data_on_platform` = exists (select 1 from `dataset_versions` v where v.`entry_id` = `catalog_entries`.`id` and v.`status` = 'live');");
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists `dataset_upstreams`;');
  }
}
