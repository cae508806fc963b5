import { Migration } from '@mikro-orm/migrations';

export class Migration20261202161216_login_throttles extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "login_throttles" ("key" varchar(200) not null, "window_start" timestamptz not null, "count" int not null, "next_at" timestamptz null, constraint "login_throttles_pkey" primary key ("key"));`);

    this.addSql(`drop table if exists "login_failures" cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create table "login_failures" ("id" serial primary key, "key" varchar(100) not null, "at" timestamptz(6) not null);`);
    this.addSql(`create index "login_failures_key_at_index" on "login_failures" ("key", "at");`);

    this.addSql(`drop table if exists "login_throttles" cascade;`);
  }

}
