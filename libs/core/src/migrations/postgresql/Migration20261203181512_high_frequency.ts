import { Migration } from '@mikro-orm/migrations';

export class Migration20261203181512_high_frequency extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "high_frequency_members" ("id" serial primary key, "entry_id" int not null, "added_by_id" int not null, "added_by_name" varchar(60) not null, "added_at" timestamptz not null, "add_reason" text not null, "removed_by_name" varchar(60) null, "removed_at" timestamptz null, "remove_reason" text null);`);
    this.addSql(`create index "high_frequency_members_entry_id_removed_at_index" on "high_frequency_members" ("entry_id", "removed_at");`);

    this.addSql(`alter table "high_frequency_members" add constraint "high_frequency_members_entry_id_foreign" foreign key ("entry_id") references "catalog_entries" ("id") on update cascade;`);
    this.addSql(`alter table "high_frequency_members" add constraint "high_frequency_members_added_by_id_foreign" foreign key ("added_by_id") references "users" ("id") on update cascade;`);

    this.addSql(`alter table "catalog_entries" add column "high_frequency" boolean not null default false;`);

  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "high_frequency_members" cascade;`);

    this.addSql(`alter table "catalog_entries" drop column "high_frequency";`);

  }

}
