import { Migration } from '@mikro-orm/migrations';

export class Migration20261203172104_upper_data extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "upper_resources" ("id" serial primary key, "code" varchar(64) not null, "name" varchar(200) not null, "holder" varchar(120) not null, "level" varchar(12) not null, "system" varchar(120) not null, "items" jsonb not null, "how_to_apply" text not null, "note" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "upper_resources" add constraint "upper_resources_code_unique" unique ("code");`);
    this.addSql(`create index "upper_resources_level_index" on "upper_resources" ("level");`);

    this.addSql(`create table "upper_applications" ("id" serial primary key, "resource_id" int not null, "status" varchar(12) not null, "created_at" timestamptz not null, "created_by_name" varchar(60) not null, "items" jsonb not null, "submitted_on" varchar(10) null, "submitted_at" timestamptz null, "submitted_by_name" varchar(60) null, "platform_ref" varchar(100) null, "submit_note" text null, "decision" varchar(16) null, "reference_no" varchar(100) null, "reply_date" varchar(10) null, "conditions" text null, "approved_items" jsonb null, "replied_at" timestamptz null, "replied_by_name" varchar(60) null, "passed_back_at" timestamptz null, "passed_back_by_name" varchar(60) null, "pass_back_note" text null);`);
    this.addSql(`create index "upper_applications_resource_id_status_index" on "upper_applications" ("resource_id", "status");`);
    this.addSql(`create index "upper_applications_status_created_at_index" on "upper_applications" ("status", "created_at");`);

    this.addSql(`create table "upper_needs" ("id" serial primary key, "resource_id" int not null, "department_id" int not null, "requested_by_id" int not null, "requested_by_name" varchar(60) not null, "purpose" text not null, "scenario" text not null, "items" jsonb not null, "legal_basis" text not null, "contact_name" varchar(60) not null, "contact_phone" varchar(20) not null, "status" varchar(14) not null, "received_at" timestamptz not null, "due_at" timestamptz not null, "due_date" varchar(10) not null, "application_id" int null, "outcome" varchar(16) null, "outcome_items" jsonb null, "outcome_note" text null, "passed_back_at" timestamptz null, "withdrawn_at" timestamptz null);`);
    this.addSql(`create index "upper_needs_resource_id_status_index" on "upper_needs" ("resource_id", "status");`);
    this.addSql(`create index "upper_needs_department_id_status_index" on "upper_needs" ("department_id", "status");`);
    this.addSql(`create index "upper_needs_application_id_index" on "upper_needs" ("application_id");`);
    this.addSql(`create index "upper_needs_received_at_index" on "upper_needs" ("received_at");`);

    this.addSql(`alter table "upper_applications" add constraint "upper_applications_resource_id_foreign" foreign key ("resource_id") references "upper_resources" ("id") on update cascade;`);

    this.addSql(`alter table "upper_needs" add constraint "upper_needs_resource_id_foreign" foreign key ("resource_id") references "upper_resources" ("id") on update cascade;`);
    this.addSql(`alter table "upper_needs" add constraint "upper_needs_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "upper_needs" add constraint "upper_needs_requested_by_id_foreign" foreign key ("requested_by_id") references "users" ("id") on update cascade;`);
    this.addSql(`alter table "upper_needs" add constraint "upper_needs_application_id_foreign" foreign key ("application_id") references "upper_applications" ("id") on update cascade on delete set null;`);

  }

  override async down(): Promise<void> {
    this.addSql(`alter table "upper_applications" drop constraint "upper_applications_resource_id_foreign";`);

    this.addSql(`alter table "upper_needs" drop constraint "upper_needs_resource_id_foreign";`);

    this.addSql(`alter table "upper_needs" drop constraint "upper_needs_application_id_foreign";`);

    this.addSql(`drop table if exists "upper_resources" cascade;`);

    this.addSql(`drop table if exists "upper_applications" cascade;`);

    this.addSql(`drop table if exists "upper_needs" cascade;`);

  }

}
