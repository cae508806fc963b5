import { Migration } from '@mikro-orm/migrations';

export class Migration20261126221113_notices extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "notice_counters" ("year" int not null, "last_sequence" int not null, constraint "notice_counters_pkey" primary key ("year"));`);

    this.addSql(`create table "notice_settings" ("id" int not null, "number_prefix" varchar(20) not null, "document_mark" varchar(40) not null, "issuing_authority" varchar(40) not null, "printing_authority" varchar(40) not null, "default_copy_to" jsonb not null, "default_signer" varchar(30) null, "updated_at" timestamptz not null, "updated_by_id" int null, constraint "notice_settings_pkey" primary key ("id"));`);

    this.addSql(`create table "notices" ("id" serial primary key, "year" int null, "sequence" int null, "number" varchar(40) null, "title" varchar(120) not null, "department_id" int not null, "copy_to" jsonb not null, "body" text not null, "rectify_mode" varchar(12) not null, "rectify_working_days" int null, "rectify_by" varchar(10) null, "status" varchar(12) not null, "signer" varchar(30) null, "document_mark" varchar(40) null, "issuing_authority" varchar(40) null, "printing_authority" varchar(40) null, "issue_date" varchar(10) null, "issued_at" timestamptz null, "issued_by_id" int null, "deadline_id" int null, "overdue_at" timestamptz null, "escalated_at" timestamptz null, "closed_at" timestamptz null, "created_by_id" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1);`);
    this.addSql(`alter table "notices" add constraint "notices_number_unique" unique ("number");`);
    this.addSql(`create index "notices_department_id_status_index" on "notices" ("department_id", "status");`);
    this.addSql(`create index "notices_status_index" on "notices" ("status");`);
    this.addSql(`create index "notices_year_department_id_index" on "notices" ("year", "department_id");`);
    this.addSql(`alter table "notices" add constraint "notices_year_sequence_unique" unique ("year", "sequence");`);

    this.addSql(`create table "notice_rectifications" ("id" serial primary key, "notice_id" int not null, "department_id" int not null, "text" text not null, "status" varchar(12) not null, "submitted_at" timestamptz not null, "submitted_by_id" int not null, "decided_at" timestamptz null, "decided_by_id" int null, "comment" text null);`);
    this.addSql(`create index "notice_rectifications_notice_id_index" on "notice_rectifications" ("notice_id");`);

    this.addSql(`create table "notice_attachments" ("id" serial primary key, "notice_id" int not null, "rectification_id" int null, "department_id" int not null, "name" varchar(120) not null, "mime_type" varchar(100) not null, "size" int not null, "sha256" varchar(64) not null, "content" bytea not null, "uploaded_by_id" int not null, "uploaded_at" timestamptz not null);`);
    this.addSql(`create index "notice_attachments_notice_id_index" on "notice_attachments" ("notice_id");`);
    this.addSql(`create index "notice_attachments_rectification_id_index" on "notice_attachments" ("rectification_id");`);

    this.addSql(`create table "notice_violations" ("id" serial primary key, "notice_id" int not null, "violation_id" int not null);`);
    this.addSql(`create index "notice_violations_notice_id_index" on "notice_violations" ("notice_id");`);
    this.addSql(`alter table "notice_violations" add constraint "notice_violations_violation_id_unique" unique ("violation_id");`);

    this.addSql(`alter table "notice_settings" add constraint "notice_settings_updated_by_id_foreign" foreign key ("updated_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "notices" add constraint "notices_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "notices" add constraint "notices_issued_by_id_foreign" foreign key ("issued_by_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "notices" add constraint "notices_deadline_id_foreign" foreign key ("deadline_id") references "deadlines" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "notices" add constraint "notices_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade;`);

    this.addSql(`alter table "notice_rectifications" add constraint "notice_rectifications_notice_id_foreign" foreign key ("notice_id") references "notices" ("id") on update cascade;`);
    this.addSql(`alter table "notice_rectifications" add constraint "notice_rectifications_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "notice_rectifications" add constraint "notice_rectifications_submitted_by_id_foreign" foreign key ("submitted_by_id") references "users" ("id") on update cascade;`);
    this.addSql(`alter table "notice_rectifications" add constraint "notice_rectifications_decided_by_id_foreign" foreign key ("decided_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "notice_attachments" add constraint "notice_attachments_notice_id_foreign" foreign key ("notice_id") references "notices" ("id") on update cascade;`);
    this.addSql(`alter table "notice_attachments" add constraint "notice_attachments_rectification_id_foreign" foreign key ("rectification_id") references "notice_rectifications" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "notice_attachments" add constraint "notice_attachments_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "notice_attachments" add constraint "notice_attachments_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "users" ("id") on update cascade;`);

    this.addSql(`alter table "notice_violations" add constraint "notice_violations_notice_id_foreign" foreign key ("notice_id") references "notices" ("id") on update cascade;`);
    this.addSql(`alter table "notice_violations" add constraint "notice_violations_violation_id_foreign" foreign key ("violation_id") references "violations" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "notice_rectifications" drop constraint "notice_rectifications_notice_id_foreign";`);

    this.addSql(`alter table "notice_attachments" drop constraint "notice_attachments_notice_id_foreign";`);

    this.addSql(`alter table "notice_violations" drop constraint "notice_violations_notice_id_foreign";`);

    this.addSql(`alter table "notice_attachments" drop constraint "notice_attachments_rectification_id_foreign";`);

    this.addSql(`drop table if exists "notice_counters" cascade;`);

    this.addSql(`drop table if exists "notice_settings" cascade;`);

    this.addSql(`drop table if exists "notices" cascade;`);

    this.addSql(`drop table if exists "notice_rectifications" cascade;`);

    this.addSql(`drop table if exists "notice_attachments" cascade;`);

    this.addSql(`drop table if exists "notice_violations" cascade;`);
  }

}
