import { Migration } from '@mikro-orm/migrations';

export class Migration20261202162115_gateway extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "call_chain_head" ("id" serial primary key, "seq" int not null, "last_hash" varchar(64) not null);`);

    this.addSql(`create table "call_records" ("id" serial primary key, "seq" int not null, "at" timestamptz not null, "system_id" int null, "client_id" varchar(40) null, "department_id" int null, "entry_id" int null, "grant_id" int null, "dataset_version" int null, "query_fields" jsonb not null, "query_hash" varchar(64) null, "fields_returned" jsonb not null, "row_count" int not null, "status" varchar(16) not null, "http_status" int not null, "latency_ms" int not null, "response_hash" varchar(64) null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null);`);
    this.addSql(`alter table "call_records" add constraint "call_records_seq_unique" unique ("seq");`);
    this.addSql(`create index "call_records_at_index" on "call_records" ("at");`);
    this.addSql(`create index "call_records_entry_id_at_index" on "call_records" ("entry_id", "at");`);
    this.addSql(`create index "call_records_system_id_at_index" on "call_records" ("system_id", "at");`);
    this.addSql(`create index "call_records_department_id_at_index" on "call_records" ("department_id", "at");`);
    this.addSql(`create index "call_records_grant_id_at_index" on "call_records" ("grant_id", "at");`);

    this.addSql(`create table "call_seals" ("day" varchar(10) not null, "last_seq" int not null, "last_hash" varchar(64) not null, "count" int not null, "signature" varchar(200) not null, "key_id" varchar(64) not null, "sealed_at" timestamptz not null, constraint "call_seals_pkey" primary key ("day"));`);

    this.addSql(`create table "grant_limits" ("grant_id" serial primary key, "per_minute" int not null, "per_day" int not null, "updated_at" timestamptz not null);`);

    this.addSql(`create table "grant_usage" ("access_key" varchar(40) not null, "day" varchar(10) not null, "calls" int not null, constraint "grant_usage_pkey" primary key ("access_key", "day"));`);

    this.addSql(`create table "dataset_versions" ("id" serial primary key, "entry_id" int not null, "version" int not null, "status" varchar(12) not null, "format" varchar(8) not null, "encoding" varchar(12) null, "filename" varchar(200) null, "rows" int not null, "bytes" bigint not null, "sha256" varchar(64) not null, "columns" jsonb not null, "rows_table" varchar(40) not null, "uploaded_at" timestamptz not null, "uploaded_by_id" int null, "uploaded_by_name" varchar(60) not null, "published_at" timestamptz null, "superseded_at" timestamptz null, "readable_until" timestamptz null);`);
    this.addSql(`create index "dataset_versions_entry_id_status_index" on "dataset_versions" ("entry_id", "status");`);
    this.addSql(`alter table "dataset_versions" add constraint "dataset_versions_entry_id_version_unique" unique ("entry_id", "version");`);

    this.addSql(`create table "app_systems" ("id" serial primary key, "department_id" int not null, "name" varchar(100) not null, "description" varchar(500) null, "client_id" varchar(40) not null, "secret_hash" varchar(200) not null, "status" varchar(12) not null, "created_at" timestamptz not null, "created_by_id" int null, "secret_rotated_at" timestamptz not null, "disabled_at" timestamptz null, "last_called_at" timestamptz null);`);
    this.addSql(`alter table "app_systems" add constraint "app_systems_client_id_unique" unique ("client_id");`);
    this.addSql(`create index "app_systems_department_id_status_index" on "app_systems" ("department_id", "status");`);

    this.addSql(`alter table "dataset_versions" add constraint "dataset_versions_entry_id_foreign" foreign key ("entry_id") references "catalog_entries" ("id") on update cascade;`);
    this.addSql(`alter table "dataset_versions" add constraint "dataset_versions_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "app_systems" add constraint "app_systems_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "app_systems" add constraint "app_systems_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`);

    // 调用记录 are evidence (第十六条(四)): append-only in the database itself
    this.addSql(`create or replace function "call_records_append_only_fn"() returns trigger language plpgsql as $$ begin raise exception '% is append-only (调用记录只能追加，不能修改或删除)', TG_TABLE_NAME; end $$;`);
    this.addSql(`create trigger "call_records_append_only" before update or delete on "call_records" for each row execute function "call_records_append_only_fn"();`);
    this.addSql(`create trigger "call_seals_append_only" before update or delete on "call_seals" for each row execute function "call_records_append_only_fn"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "call_chain_head" cascade;`);

    this.addSql(`drop table if exists "call_records" cascade;`);

    this.addSql(`drop table if exists "call_seals" cascade;`);

    this.addSql(`drop table if exists "grant_limits" cascade;`);

    this.addSql(`drop table if exists "grant_usage" cascade;`);

    this.addSql(`drop table if exists "dataset_versions" cascade;`);

    this.addSql(`drop table if exists "app_systems" cascade;`);
  }

}
