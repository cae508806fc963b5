import { Migration } from '@mikro-orm/migrations';

export class Migration20261203090441_open_feedback extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "open_showcases" ("id" serial primary key, "dataset_id" int not null, "author_id" int not null, "title" varchar(100) not null, "kind" varchar(12) not null, "description" text not null, "url" varchar(500) null, "status" varchar(12) not null, "submitted_at" timestamptz not null, "reviewed_at" timestamptz null, "reviewed_by_id" int null, "reason" varchar(500) null);`);
    this.addSql(`create index "open_showcases_author_id_index" on "open_showcases" ("author_id");`);
    this.addSql(`create index "open_showcases_dataset_id_status_index" on "open_showcases" ("dataset_id", "status");`);
    this.addSql(`create index "open_showcases_status_submitted_at_index" on "open_showcases" ("status", "submitted_at");`);

    this.addSql(`create table "open_ratings" ("id" serial primary key, "dataset_id" int not null, "user_id" int not null, "score" int not null, "rated_at" timestamptz not null);`);
    this.addSql(`create index "open_ratings_user_id_index" on "open_ratings" ("user_id");`);
    this.addSql(`alter table "open_ratings" add constraint "open_ratings_dataset_id_user_id_unique" unique ("dataset_id", "user_id");`);

    this.addSql(`alter table "open_showcases" add constraint "open_showcases_dataset_id_foreign" foreign key ("dataset_id") references "open_datasets" ("id") on update cascade;`);
    this.addSql(`alter table "open_showcases" add constraint "open_showcases_author_id_foreign" foreign key ("author_id") references "public_users" ("id") on update cascade;`);
    this.addSql(`alter table "open_showcases" add constraint "open_showcases_reviewed_by_id_foreign" foreign key ("reviewed_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "open_ratings" add constraint "open_ratings_dataset_id_foreign" foreign key ("dataset_id") references "open_datasets" ("id") on update cascade;`);
    this.addSql(`alter table "open_ratings" add constraint "open_ratings_user_id_foreign" foreign key ("user_id") references "public_users" ("id") on update cascade;`);

  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "open_showcases" cascade;`);

    this.addSql(`drop table if exists "open_ratings" cascade;`);

  }

}
