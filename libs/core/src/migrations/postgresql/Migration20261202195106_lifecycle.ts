import { Migration } from '@mikro-orm/migrations';

export class Migration20261202195106_lifecycle extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "retirements" ("id" serial primary key, "entry_id" int not null, "replacement_id" int not null, "provider_id" int not null, "reason" text not null, "retire_on" varchar(10) not null, "status" varchar(12) not null, "proposed_by_id" int not null, "proposed_by_name" varchar(60) not null, "proposed_at" timestamptz not null, "decided_by_name" varchar(60) null, "decided_at" timestamptz null, "return_reason" text null, "reminded_at" timestamptz null, "retired_at" timestamptz null);`);
    this.addSql(`create index "retirements_status_retire_on_index" on "retirements" ("status", "retire_on");`);
    this.addSql(`create index "retirements_entry_id_status_index" on "retirements" ("entry_id", "status");`);
    this.addSql(`create index "retirements_provider_id_status_index" on "retirements" ("provider_id", "status");`);

    this.addSql(`create table "corrections" ("id" serial primary key, "entry_id" int not null, "provider_id" int not null, "reporter_id" int not null, "reported_by_id" int null, "reported_by_name" varchar(120) not null, "channel" varchar(12) not null, "item_ids" jsonb not null, "record_key" varchar(200) null, "dataset_version" int null, "description" text not null, "evidence" text null, "status" varchar(12) not null, "received_at" timestamptz not null, "due_at" timestamptz not null, "due_date" varchar(10) not null, "decision" varchar(16) null, "reason" text null, "corrected_dataset_version" int null, "corrected_catalog_version" int null, "correct_on" varchar(10) null, "answered_at" timestamptz null, "answered_by_name" varchar(60) null, "answered_on_time" boolean null, "contest_reason" text null, "contested_at" timestamptz null, "bureau_decision" varchar(16) null, "bureau_reason" text null, "decided_at" timestamptz null, "decided_by_name" varchar(60) null, "error_confirmed" boolean not null default false);`);
    this.addSql(`create index "corrections_entry_id_status_index" on "corrections" ("entry_id", "status");`);
    this.addSql(`create index "corrections_provider_id_status_index" on "corrections" ("provider_id", "status");`);
    this.addSql(`create index "corrections_reporter_id_status_index" on "corrections" ("reporter_id", "status");`);
    this.addSql(`create index "corrections_received_at_index" on "corrections" ("received_at");`);

    this.addSql(`alter table "retirements" add constraint "retirements_entry_id_foreign" foreign key ("entry_id") references "catalog_entries" ("id") on update cascade;`);
    this.addSql(`alter table "retirements" add constraint "retirements_replacement_id_foreign" foreign key ("replacement_id") references "catalog_entries" ("id") on update cascade;`);
    this.addSql(`alter table "retirements" add constraint "retirements_provider_id_foreign" foreign key ("provider_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "retirements" add constraint "retirements_proposed_by_id_foreign" foreign key ("proposed_by_id") references "users" ("id") on update cascade;`);

    this.addSql(`alter table "corrections" add constraint "corrections_entry_id_foreign" foreign key ("entry_id") references "catalog_entries" ("id") on update cascade;`);
    this.addSql(`alter table "corrections" add constraint "corrections_provider_id_foreign" foreign key ("provider_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "corrections" add constraint "corrections_reporter_id_foreign" foreign key ("reporter_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "corrections" add constraint "corrections_reported_by_id_foreign" foreign key ("reported_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "catalog_entries" add column "replaced_by_id" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retirements" cascade;`);

    this.addSql(`drop table if exists "corrections" cascade;`);

    this.addSql(`alter table "catalog_entries" drop column "replaced_by_id";`);
  }

}
