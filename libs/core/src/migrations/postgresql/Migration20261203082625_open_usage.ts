import { Migration } from '@mikro-orm/migrations';

export class Migration20261203082625_open_usage extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "open_file_sizes" ("version_id" int not null, "format" varchar(4) not null, "bytes" bigint not null, "rows" int not null, constraint "open_file_sizes_pkey" primary key ("version_id", "format"));`);

    this.addSql(`create table "open_usage" ("dataset_id" int not null, "day" varchar(10) not null, "views" int not null default 0, "downloads" int not null default 0, constraint "open_usage_pkey" primary key ("dataset_id", "day"));`);
    this.addSql(`create index "open_usage_day_index" on "open_usage" ("day");`);

  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "open_file_sizes" cascade;`);

    this.addSql(`drop table if exists "open_usage" cascade;`);

  }

}
