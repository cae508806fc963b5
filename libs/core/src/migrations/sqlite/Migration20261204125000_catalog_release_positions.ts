import { Migration } from '@mikro-orm/migrations';

const COLUMNS = '`id`, `release_id`, `entry_id`, `entry_version_id`, `version_number`, `code`, `name`, `provider_id`, `share_type`, `open_type`, `status`';

/**
 * A release's entries numbered in code order (position) and per provider (provider_position), fixed when the release
 * is made: a page of the release's list is a range of an index at any depth, instead of a count of the release and an
 * OFFSET (issue 19, finding 1). The releases already made are numbered here. The (release_id, code) index stays for
 * replicas of the previous line during an upgrade; such a replica cannot make a release (its rows have no numbers).
 * SQLite adds a NOT NULL column only with a default, which the entity does not have: the table is rebuilt, as the
 * schema generator does it (nothing refers to its rows).
 */
export class Migration20261204125000_catalog_release_positions extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table `catalog_release_entries__temp_alter` (`id` integer not null primary key autoincrement, `release_id` integer not null, `entry_id` integer not null, `entry_version_id` integer not null, `version_number` integer not null, `code` text not null, `name` text not null, `provider_id` integer not null, `share_type` text not null, `open_type` text not null, `status` text not null, `position` integer not null, `provider_position` integer not null, constraint `catalog_release_entries_release_id_foreign` foreign key(`release_id`) references `catalog_releases`(`id`) on update cascade, constraint `catalog_release_entries_entry_id_foreign` foreign key(`entry_id`) references `catalog_entries`(`id`) on update cascade, constraint `catalog_release_entries_entry_version_id_foreign` foreign key(`entry_version_id`) references `catalog_entry_versions`(`id`) on update cascade, constraint `catalog_release_entries_provider_id_foreign` foreign key(`provider_id`) references `departments`(`id`) on update cascade);',
    );
    this.addSql(
      `insert into \`catalog_release_entries__temp_alter\` (${COLUMNS}, \`position\`, \`provider_position\`) select ${COLUMNS}, row_number() over (partition by \`release_id\` order by \`code\`, \`id\`), row_number() over (partition by \`release_id\`, \`provider_id\` order by \`code\`, \`id\`) from \`catalog_release_entries\`;`,
    );
    this.addSql('drop table `catalog_release_entries`;');
    this.addSql('alter table `catalog_release_entries__temp_alter` rename to `catalog_release_entries`;');
    this.addSql('create index `catalog_release_entries_release_id_index` on `catalog_release_entries` (`release_id`);');
    this.addSql('create index `catalog_release_entries_entry_id_index` on `catalog_release_entries` (`entry_id`);');
    this.addSql('create index `catalog_release_entries_entry_version_id_index` on `catalog_release_entries` (`entry_version_id`);');
    this.addSql('create index `catalog_release_entries_provider_id_index` on `catalog_release_entries` (`provider_id`);');
    this.addSql('create index `catalog_release_entries_release_id_code_index` on `catalog_release_entries` (`release_id`, `code`);');
    this.addSql('create unique index `catalog_release_entries_release_id_entry_id_unique` on `catalog_release_entries` (`release_id`, `entry_id`);');
    this.addSql('create unique index `catalog_release_entries_position_unique` on `catalog_release_entries` (`release_id`, `position`);');
    this.addSql('create unique index `catalog_release_entries_provider_position_unique` on `catalog_release_entries` (`release_id`, `provider_id`, `provider_position`);');
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists `catalog_release_entries_provider_position_unique`;');
    this.addSql('drop index if exists `catalog_release_entries_position_unique`;');
    this.addSql('alter table `catalog_release_entries` drop column `provider_position`;');
    this.addSql('alter table `catalog_release_entries` drop column `position`;');
  }
}
