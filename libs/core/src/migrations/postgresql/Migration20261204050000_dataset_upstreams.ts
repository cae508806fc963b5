import { Migration } from '@mikro-orm/migrations';

/**
 * 接口服务 (issue 15 §2): an entry's upstream interface with its circuit-breaker state. 数据已在平台 becomes derived (a
 * live dataset version or a healthy interface): the stored flags are recomputed — a flag set by hand without data on
 * the platform is cleared.
 */
export class Migration20261204050000_dataset_upstreams extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table "dataset_upstreams" ("id" serial primary key, "entry_id" int not null, "url" varchar(2000) not null, "timeout_ms" int not null, "registered_at" timestamptz not null, "registered_by_id" int null, "registered_by_name" varchar(60) not null, "updated_at" timestamptz not null, "consecutive_failures" int not null default 0, "opened_until" timestamptz null, "last_success_at" timestamptz null, "last_failure_at" timestamptz null, "last_error" varchar(300) null);');
    this.addSql('alter table "dataset_upstreams" add constraint "dataset_upstreams_entry_id_unique" unique ("entry_id");');
    this.addSql('alter table "dataset_upstreams" add constraint "dataset_upstreams_entry_id_foreign" foreign key ("entry_id") references "catalog_entries" ("id") on update cascade;');
    this.addSql('alter table "dataset_upstreams" add constraint "dataset_upstreams_registered_by_id_foreign" foreign key ("registered_by_id") references "users" ("id") on update cascade on delete set null;');
    this.addSql(`update "catalog_entries" set "data_on_platform" = exists (select 1 from "dataset_versions" v where v."entry_id" = "catalog_entries"."id" and v."status" = 'live');`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "dataset_upstreams" cascade;');
  }
}
