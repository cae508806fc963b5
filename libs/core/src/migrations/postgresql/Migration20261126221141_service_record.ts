import { Migration } from '@mikro-orm/migrations';

export class Migration20261126221141_service_record extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "service_record_entries" ("id" serial primary key, "kind" varchar(40) not null, "article" varchar(60) not null, "source_kind" varchar(40) not null, "source_id" varchar(64) not null, "detected_at" timestamptz not null, "evidence" jsonb not null);`);
    this.addSql(`create index "service_record_entries_detected_at_index" on "service_record_entries" ("detected_at");`);
    this.addSql(`alter table "service_record_entries" add constraint "service_record_entries_source_kind_source_id_kind_unique" unique ("source_kind", "source_id", "kind");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "service_record_entries" cascade;`);
  }

}
