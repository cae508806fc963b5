import { Migration } from '@mikro-orm/migrations';

export class Migration20261126220707_catalog extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "catalog_code_sequences" ("class_code" varchar(16) not null, "last_value" int not null, constraint "catalog_code_sequences_pkey" primary key ("class_code"));`);

    this.addSql(`create table "catalog_update_triggers" ("id" serial primary key, "department_id" int not null, "kind" varchar(20) not null, "reference" varchar(200) not null, "effective_date" varchar(10) not null, "note" text null, "status" varchar(12) not null, "registered_by_id" int null, "registered_at" timestamptz not null, "resolved_by_id" int null, "resolved_at" timestamptz null, "resolution_note" text null, "cancel_reason" text null, "lock_version" int not null default 1);`);
    this.addSql(`create index "catalog_update_triggers_department_id_status_index" on "catalog_update_triggers" ("department_id", "status");`);

    this.addSql(`create table "catalog_releases" ("id" serial primary key, "number" int not null, "title" varchar(100) not null, "released_at" timestamptz not null, "released_by_id" int null, "released_by_name" varchar(60) not null, "note" text null, "previous_id" int null, "entry_count" int not null, "added_count" int not null, "changed_count" int not null, "retired_count" int not null, "filed_at" timestamptz null, "filing_reference" varchar(100) null);`);
    this.addSql(`alter table "catalog_releases" add constraint "catalog_releases_number_unique" unique ("number");`);

    this.addSql(`create table "catalog_library_leads" ("id" serial primary key, "resource_type" varchar(12) not null, "library" varchar(60) not null, "department_id" int not null, "updated_by_id" int null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "catalog_library_leads_department_id_index" on "catalog_library_leads" ("department_id");`);
    this.addSql(`alter table "catalog_library_leads" add constraint "catalog_library_leads_resource_type_library_unique" unique ("resource_type", "library");`);

    this.addSql(`create table "catalog_entries" ("id" serial primary key, "code" varchar(40) not null, "name" varchar(200) not null, "resource_type" varchar(12) not null, "library" varchar(60) null, "class_code" varchar(16) not null, "provider_id" int not null, "summary" text not null, "format" varchar(16) not null, "format_detail" varchar(100) null, "share_type" varchar(16) not null, "share_conditions" text null, "no_share_reason" text null, "no_share_basis" text null, "share_method" varchar(16) not null, "dedicated" boolean not null default false, "open_type" varchar(16) not null, "open_conditions" text null, "closed_reason" varchar(20) null, "closed_basis" text null, "update_cycle" varchar(12) not null, "data_updated_at" varchar(10) null, "security_grade" varchar(12) not null, "security_agreement_required" boolean not null default false, "internal_review" jsonb not null, "collection_basis_type" varchar(12) not null, "collection_basis" text not null, "data_range" text null, "application_scenarios" text null, "related_codes" jsonb not null, "search_text" text not null, "status" varchar(12) not null, "published_at" timestamptz null, "current_version" int not null default 0, "created_by_id" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "lock_version" int not null default 1);`);
    this.addSql(`alter table "catalog_entries" add constraint "catalog_entries_code_unique" unique ("code");`);
    this.addSql(`create index "catalog_entries_class_code_index" on "catalog_entries" ("class_code");`);
    this.addSql(`create index "catalog_entries_provider_id_status_index" on "catalog_entries" ("provider_id", "status");`);
    this.addSql(`create index "catalog_entries_status_updated_at_index" on "catalog_entries" ("status", "updated_at");`);
    this.addSql(`create index "catalog_entries_resource_type_library_index" on "catalog_entries" ("resource_type", "library");`);
    this.addSql(`create index "catalog_entries_share_type_index" on "catalog_entries" ("share_type");`);
    this.addSql(`create index "catalog_entries_open_type_index" on "catalog_entries" ("open_type");`);
    this.addSql(`create index "catalog_entries_security_grade_index" on "catalog_entries" ("security_grade");`);
    this.addSql(`create index "catalog_entries_update_cycle_data_updated_at_index" on "catalog_entries" ("update_cycle", "data_updated_at");`);

    this.addSql(`create table "catalog_items" ("id" serial primary key, "entry_id" int not null, "position" int not null, "name" varchar(100) not null, "normalized_name" varchar(100) not null, "data_type" varchar(12) not null, "length" int null, "nullable" boolean not null default true, "primary_key" boolean not null default false, "sensitive" boolean not null default false, "secret" boolean not null default false, "desensitization" varchar(16) not null, "description" varchar(500) null, "created_at" timestamptz not null, "removed_at" timestamptz null);`);
    this.addSql(`create index "catalog_items_entry_id_removed_at_index" on "catalog_items" ("entry_id", "removed_at");`);
    this.addSql(`create index "catalog_items_normalized_name_index" on "catalog_items" ("normalized_name");`);

    this.addSql(`create table "catalog_entry_versions" ("id" serial primary key, "entry_id" int not null, "version" int not null, "snapshot" jsonb not null, "diff" jsonb not null, "note" varchar(500) null, "changed_by_id" int null, "changed_by_name" varchar(60) not null, "changed_at" timestamptz not null);`);
    this.addSql(`create index "catalog_entry_versions_changed_at_index" on "catalog_entry_versions" ("changed_at");`);
    this.addSql(`alter table "catalog_entry_versions" add constraint "catalog_entry_versions_entry_id_version_unique" unique ("entry_id", "version");`);

    this.addSql(`create table "catalog_trigger_links" ("id" serial primary key, "trigger_id" int not null, "version_id" int not null);`);
    this.addSql(`create index "catalog_trigger_links_version_id_index" on "catalog_trigger_links" ("version_id");`);
    this.addSql(`alter table "catalog_trigger_links" add constraint "catalog_trigger_links_trigger_id_version_id_unique" unique ("trigger_id", "version_id");`);

    this.addSql(`create table "catalog_release_entries" ("id" serial primary key, "release_id" int not null, "entry_id" int not null, "entry_version_id" int not null, "version_number" int not null, "code" varchar(40) not null, "name" varchar(200) not null, "provider_id" int not null, "share_type" varchar(16) not null, "open_type" varchar(16) not null, "status" varchar(12) not null);`);
    this.addSql(`create index "catalog_release_entries_entry_id_index" on "catalog_release_entries" ("entry_id");`);
    this.addSql(`create index "catalog_release_entries_entry_version_id_index" on "catalog_release_entries" ("entry_version_id");`);
    this.addSql(`create index "catalog_release_entries_provider_id_index" on "catalog_release_entries" ("provider_id");`);
    this.addSql(`create index "catalog_release_entries_release_id_code_index" on "catalog_release_entries" ("release_id", "code");`);
    this.addSql(`alter table "catalog_release_entries" add constraint "catalog_release_entries_release_id_entry_id_unique" unique ("release_id", "entry_id");`);

    this.addSql(`create table "catalog_dedicated_departments" ("id" serial primary key, "entry_id" int not null, "department_id" int not null);`);
    this.addSql(`create index "catalog_dedicated_departments_entry_id_index" on "catalog_dedicated_departments" ("entry_id");`);
    this.addSql(`alter table "catalog_dedicated_departments" add constraint "catalog_dedicated_departments_department_id_entry_id_unique" unique ("department_id", "entry_id");`);

    this.addSql(`create table "catalog_duplicate_candidates" ("id" serial primary key, "entry_id" int not null, "department_id" int not null, "source_entry_id" int not null, "source_department_id" int not null, "source_is_base_library" boolean not null default false, "overlap" jsonb not null, "overlap_count" int not null, "score" double precision not null, "status" varchar(12) not null, "detected_at" timestamptz not null, "last_seen_at" timestamptz not null, "decided_by_id" int null, "decided_at" timestamptz null, "decision_note" text null, "violation_id" int null, "lock_version" int not null default 1);`);
    this.addSql(`create index "catalog_duplicate_candidates_source_entry_id_index" on "catalog_duplicate_candidates" ("source_entry_id");`);
    this.addSql(`create index "catalog_duplicate_candidates_status_score_index" on "catalog_duplicate_candidates" ("status", "score");`);
    this.addSql(`create index "catalog_duplicate_candidates_department_id_status_index" on "catalog_duplicate_candidates" ("department_id", "status");`);
    this.addSql(`alter table "catalog_duplicate_candidates" add constraint "catalog_duplicate_candidates_entry_id_source_entry_id_unique" unique ("entry_id", "source_entry_id");`);

    this.addSql(`alter table "catalog_update_triggers" add constraint "catalog_update_triggers_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "catalog_update_triggers" add constraint "catalog_update_triggers_registered_by_id_foreign" foreign key ("registered_by_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "catalog_update_triggers" add constraint "catalog_update_triggers_resolved_by_id_foreign" foreign key ("resolved_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "catalog_releases" add constraint "catalog_releases_released_by_id_foreign" foreign key ("released_by_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "catalog_releases" add constraint "catalog_releases_previous_id_foreign" foreign key ("previous_id") references "catalog_releases" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "catalog_library_leads" add constraint "catalog_library_leads_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "catalog_library_leads" add constraint "catalog_library_leads_updated_by_id_foreign" foreign key ("updated_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "catalog_entries" add constraint "catalog_entries_provider_id_foreign" foreign key ("provider_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "catalog_entries" add constraint "catalog_entries_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "catalog_items" add constraint "catalog_items_entry_id_foreign" foreign key ("entry_id") references "catalog_entries" ("id") on update cascade;`);

    this.addSql(`alter table "catalog_entry_versions" add constraint "catalog_entry_versions_entry_id_foreign" foreign key ("entry_id") references "catalog_entries" ("id") on update cascade;`);
    this.addSql(`alter table "catalog_entry_versions" add constraint "catalog_entry_versions_changed_by_id_foreign" foreign key ("changed_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "catalog_trigger_links" add constraint "catalog_trigger_links_trigger_id_foreign" foreign key ("trigger_id") references "catalog_update_triggers" ("id") on update cascade;`);
    this.addSql(`alter table "catalog_trigger_links" add constraint "catalog_trigger_links_version_id_foreign" foreign key ("version_id") references "catalog_entry_versions" ("id") on update cascade;`);

    this.addSql(`alter table "catalog_release_entries" add constraint "catalog_release_entries_release_id_foreign" foreign key ("release_id") references "catalog_releases" ("id") on update cascade;`);
    this.addSql(`alter table "catalog_release_entries" add constraint "catalog_release_entries_entry_id_foreign" foreign key ("entry_id") references "catalog_entries" ("id") on update cascade;`);
    this.addSql(`alter table "catalog_release_entries" add constraint "catalog_release_entries_entry_version_id_foreign" foreign key ("entry_version_id") references "catalog_entry_versions" ("id") on update cascade;`);
    this.addSql(`alter table "catalog_release_entries" add constraint "catalog_release_entries_provider_id_foreign" foreign key ("provider_id") references "departments" ("id") on update cascade;`);

    this.addSql(`alter table "catalog_dedicated_departments" add constraint "catalog_dedicated_departments_entry_id_foreign" foreign key ("entry_id") references "catalog_entries" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "catalog_dedicated_departments" add constraint "catalog_dedicated_departments_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade;`);

    this.addSql(`alter table "catalog_duplicate_candidates" add constraint "catalog_duplicate_candidates_entry_id_foreign" foreign key ("entry_id") references "catalog_entries" ("id") on update cascade;`);
    this.addSql(`alter table "catalog_duplicate_candidates" add constraint "catalog_duplicate_candidates_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "catalog_duplicate_candidates" add constraint "catalog_duplicate_candidates_source_entry_id_foreign" foreign key ("source_entry_id") references "catalog_entries" ("id") on update cascade;`);
    this.addSql(`alter table "catalog_duplicate_candidates" add constraint "catalog_duplicate_candidates_source_department_id_foreign" foreign key ("source_department_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "catalog_duplicate_candidates" add constraint "catalog_duplicate_candidates_decided_by_id_foreign" foreign key ("decided_by_id") references "users" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "catalog_trigger_links" drop constraint "catalog_trigger_links_trigger_id_foreign";`);

    this.addSql(`alter table "catalog_releases" drop constraint "catalog_releases_previous_id_foreign";`);

    this.addSql(`alter table "catalog_release_entries" drop constraint "catalog_release_entries_release_id_foreign";`);

    this.addSql(`alter table "catalog_items" drop constraint "catalog_items_entry_id_foreign";`);

    this.addSql(`alter table "catalog_entry_versions" drop constraint "catalog_entry_versions_entry_id_foreign";`);

    this.addSql(`alter table "catalog_release_entries" drop constraint "catalog_release_entries_entry_id_foreign";`);

    this.addSql(`alter table "catalog_dedicated_departments" drop constraint "catalog_dedicated_departments_entry_id_foreign";`);

    this.addSql(`alter table "catalog_duplicate_candidates" drop constraint "catalog_duplicate_candidates_entry_id_foreign";`);

    this.addSql(`alter table "catalog_duplicate_candidates" drop constraint "catalog_duplicate_candidates_source_entry_id_foreign";`);

    this.addSql(`alter table "catalog_trigger_links" drop constraint "catalog_trigger_links_version_id_foreign";`);

    this.addSql(`alter table "catalog_release_entries" drop constraint "catalog_release_entries_entry_version_id_foreign";`);

    this.addSql(`drop table if exists "catalog_code_sequences" cascade;`);

    this.addSql(`drop table if exists "catalog_update_triggers" cascade;`);

    this.addSql(`drop table if exists "catalog_releases" cascade;`);

    this.addSql(`drop table if exists "catalog_library_leads" cascade;`);

    this.addSql(`drop table if exists "catalog_entries" cascade;`);

    this.addSql(`drop table if exists "catalog_items" cascade;`);

    this.addSql(`drop table if exists "catalog_entry_versions" cascade;`);

    this.addSql(`drop table if exists "catalog_trigger_links" cascade;`);

    this.addSql(`drop table if exists "catalog_release_entries" cascade;`);

    this.addSql(`drop table if exists "catalog_dedicated_departments" cascade;`);

    this.addSql(`drop table if exists "catalog_duplicate_candidates" cascade;`);
  }

}
