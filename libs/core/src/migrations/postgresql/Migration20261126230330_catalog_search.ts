import { Migration } from '@mikro-orm/migrations';

export class Migration20261126230330_catalog_search extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "catalog_search" ("entry_id" int not null, "text" text not null, constraint "catalog_search_pkey" primary key ("entry_id"));`);

    this.addSql(`alter table "catalog_search" add constraint "catalog_search_entry_id_foreign" foreign key ("entry_id") references "catalog_entries" ("id") on update cascade on delete cascade;`);

    this.addSql(`drop index "catalog_entries_open_type_index";`);
    this.addSql(`drop index "catalog_entries_security_grade_index";`);
    this.addSql(`drop index "catalog_entries_share_type_index";`);
    // hand-added: carry the search text of existing entries over before its column goes (the generator only drops it)
    this.addSql(`insert into "catalog_search" ("entry_id", "text") select "id", "search_text" from "catalog_entries";`);
    this.addSql(`alter table "catalog_entries" drop column "search_text";`);

    this.addSql(`create index "catalog_entries_updated_at_index" on "catalog_entries" ("updated_at");`);
    this.addSql(`create index "catalog_entries_list_filter_index" on "catalog_entries" ("status", "share_type", "open_type", "security_grade", "update_cycle", "resource_type", "provider_id", "library", "updated_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "catalog_search" cascade;`);

    this.addSql(`drop index "catalog_entries_updated_at_index";`);
    this.addSql(`drop index "catalog_entries_list_filter_index";`);

    this.addSql(`alter table "catalog_entries" add column "search_text" text not null;`);
    this.addSql(`create index "catalog_entries_open_type_index" on "catalog_entries" ("open_type");`);
    this.addSql(`create index "catalog_entries_security_grade_index" on "catalog_entries" ("security_grade");`);
    this.addSql(`create index "catalog_entries_share_type_index" on "catalog_entries" ("share_type");`);
  }

}
