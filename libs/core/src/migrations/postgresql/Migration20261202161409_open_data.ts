import { Migration } from '@mikro-orm/migrations';

export class Migration20261202161409_open_data extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "open_reviews" ("id" serial primary key, "entry_id" int not null, "kind" varchar(12) not null, "conclusion" varchar(12) not null, "basis" text not null, "reviewer" varchar(100) not null, "recorded_by_id" int not null, "recorded_at" timestamptz not null);`);
    this.addSql(`create index "open_reviews_entry_id_kind_recorded_at_index" on "open_reviews" ("entry_id", "kind", "recorded_at");`);

    this.addSql(`create table "open_datasets" ("id" serial primary key, "entry_id" int not null, "name" varchar(100) not null, "published_by_id" int not null, "published_at" timestamptz not null, "withdrawn_at" timestamptz null, "withdrawn_reason" varchar(500) null, "views" int not null default 0, "downloads" int not null default 0);`);
    this.addSql(`alter table "open_datasets" add constraint "open_datasets_entry_id_unique" unique ("entry_id");`);
    this.addSql(`alter table "open_datasets" add constraint "open_datasets_name_unique" unique ("name");`);
    this.addSql(`create index "open_datasets_withdrawn_at_published_at_index" on "open_datasets" ("withdrawn_at", "published_at");`);

    this.addSql(`alter table "open_reviews" add constraint "open_reviews_entry_id_foreign" foreign key ("entry_id") references "catalog_entries" ("id") on update cascade;`);
    this.addSql(`alter table "open_reviews" add constraint "open_reviews_recorded_by_id_foreign" foreign key ("recorded_by_id") references "users" ("id") on update cascade;`);

    this.addSql(`alter table "open_datasets" add constraint "open_datasets_entry_id_foreign" foreign key ("entry_id") references "catalog_entries" ("id") on update cascade;`);
    this.addSql(`alter table "open_datasets" add constraint "open_datasets_published_by_id_foreign" foreign key ("published_by_id") references "users" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "open_reviews" cascade;`);

    this.addSql(`drop table if exists "open_datasets" cascade;`);
  }

}
