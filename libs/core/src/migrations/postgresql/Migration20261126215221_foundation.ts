import { Migration } from '@mikro-orm/migrations';

export class Migration20261126215221_foundation extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "departments" ("id" serial primary key, "code" varchar(18) not null, "name" varchar(100) not null, "short_name" varchar(40) null, "kind" varchar(32) not null, "region_code" varchar(6) not null, "parent_id" int null, "is_bureau" boolean not null default false, "responsible_person" varchar(30) null, "contact_person" varchar(30) null, "contact_phone" varchar(20) null, "contact_email" varchar(100) null, "filed_at" varchar(10) null, "sort_order" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "departments" add constraint "departments_code_unique" unique ("code");`);
    this.addSql(`alter table "departments" add constraint "departments_name_unique" unique ("name");`);
    this.addSql(`create index "departments_region_code_index" on "departments" ("region_code");`);

    this.addSql(`create table "deadlines" ("id" serial primary key, "kind" varchar(40) not null, "subject_type" varchar(40) not null, "subject_id" int not null, "department_id" int null, "responsible" varchar(12) not null, "started_at" timestamptz not null, "due_at" timestamptz not null, "due_date" varchar(10) not null, "period_n" int not null, "period_unit" varchar(8) not null, "provisional" boolean not null default false, "state" varchar(12) not null, "completed_at" timestamptz null, "overdue_at" timestamptz null, "created_at" timestamptz not null);`);
    this.addSql(`create index "deadlines_state_due_at_index" on "deadlines" ("state", "due_at");`);
    this.addSql(`create index "deadlines_subject_type_subject_id_index" on "deadlines" ("subject_type", "subject_id");`);
    this.addSql(`create index "deadlines_department_id_state_index" on "deadlines" ("department_id", "state");`);
    this.addSql(`create index "deadlines_kind_state_index" on "deadlines" ("kind", "state");`);

    this.addSql(`create table "job_runs" ("id" serial primary key, "name" varchar(60) not null, "trigger" varchar(12) not null, "runner" varchar(12) not null, "started_at" timestamptz not null, "finished_at" timestamptz null, "status" varchar(12) not null, "summary" jsonb null, "error" text null);`);
    this.addSql(`create index "job_runs_name_started_at_index" on "job_runs" ("name", "started_at");`);

    this.addSql(`create table "login_failures" ("id" serial primary key, "key" varchar(100) not null, "at" timestamptz not null);`);
    this.addSql(`create index "login_failures_key_at_index" on "login_failures" ("key", "at");`);

    this.addSql(`create table "users" ("id" serial primary key, "username" varchar(32) not null, "display_name" varchar(30) not null, "department_id" int not null, "roles" jsonb not null, "password_hash" varchar(200) not null, "phone" varchar(20) null, "email" varchar(100) null, "disabled" boolean not null default false, "last_login_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "users" add constraint "users_username_unique" unique ("username");`);
    this.addSql(`create index "users_department_id_index" on "users" ("department_id");`);

    this.addSql(`create table "sessions" ("id" serial primary key, "token_hash" varchar(64) not null, "user_id" int not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "ip" varchar(64) null, "user_agent" varchar(300) null);`);
    this.addSql(`alter table "sessions" add constraint "sessions_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "sessions_user_id_index" on "sessions" ("user_id");`);
    this.addSql(`create index "sessions_expires_at_index" on "sessions" ("expires_at");`);

    this.addSql(`create table "notifications" ("id" serial primary key, "recipient_id" int not null, "kind" varchar(40) not null, "title" varchar(200) not null, "body" text not null, "link" varchar(300) null, "subject_type" varchar(40) null, "subject_id" varchar(64) null, "dedupe_key" varchar(160) null, "created_at" timestamptz not null, "read_at" timestamptz null);`);
    this.addSql(`alter table "notifications" add constraint "notifications_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`create index "notifications_recipient_id_read_at_index" on "notifications" ("recipient_id", "read_at");`);

    this.addSql(`create table "calendar_years" ("year" int not null, "papers" jsonb not null, "days" jsonb not null, "updated_at" timestamptz not null, "updated_by_id" int null, constraint "calendar_years_pkey" primary key ("year"));`);

    this.addSql(`create table "audit_events" ("id" serial primary key, "actor_id" int null, "actor_name" varchar(60) not null, "on_behalf_of_department_id" int null, "action" varchar(60) not null, "subject_type" varchar(40) not null, "subject_id" varchar(64) not null, "before" jsonb null, "after" jsonb null, "ip" varchar(64) null, "at" timestamptz not null);`);
    this.addSql(`create index "audit_events_subject_type_subject_id_index" on "audit_events" ("subject_type", "subject_id");`);
    this.addSql(`create index "audit_events_at_index" on "audit_events" ("at");`);

    this.addSql(`create table "violations" ("id" serial primary key, "type" int not null, "department_id" int not null, "source_kind" varchar(40) not null, "source_id" varchar(64) not null, "detected_at" timestamptz not null, "evidence" jsonb not null, "status" varchar(12) not null, "manual" boolean not null default false, "created_by_id" int null, "decided_by_id" int null, "decided_at" timestamptz null, "dismiss_reason" text null, "notice_id" int null, "version" int not null default 1);`);
    this.addSql(`create index "violations_notice_id_index" on "violations" ("notice_id");`);
    this.addSql(`create index "violations_department_id_status_index" on "violations" ("department_id", "status");`);
    this.addSql(`create index "violations_status_type_index" on "violations" ("status", "type");`);
    this.addSql(`create index "violations_detected_at_index" on "violations" ("detected_at");`);
    this.addSql(`alter table "violations" add constraint "violations_source_kind_source_id_type_unique" unique ("source_kind", "source_id", "type");`);

    this.addSql(`alter table "departments" add constraint "departments_parent_id_foreign" foreign key ("parent_id") references "departments" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "deadlines" add constraint "deadlines_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "users" add constraint "users_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade;`);

    this.addSql(`alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade;`);

    this.addSql(`alter table "notifications" add constraint "notifications_recipient_id_foreign" foreign key ("recipient_id") references "users" ("id") on update cascade;`);

    this.addSql(`alter table "calendar_years" add constraint "calendar_years_updated_by_id_foreign" foreign key ("updated_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "audit_events" add constraint "audit_events_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "violations" add constraint "violations_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "violations" add constraint "violations_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "violations" add constraint "violations_decided_by_id_foreign" foreign key ("decided_by_id") references "users" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "departments" drop constraint "departments_parent_id_foreign";`);

    this.addSql(`alter table "deadlines" drop constraint "deadlines_department_id_foreign";`);

    this.addSql(`alter table "users" drop constraint "users_department_id_foreign";`);

    this.addSql(`alter table "violations" drop constraint "violations_department_id_foreign";`);

    this.addSql(`alter table "sessions" drop constraint "sessions_user_id_foreign";`);

    this.addSql(`alter table "notifications" drop constraint "notifications_recipient_id_foreign";`);

    this.addSql(`alter table "calendar_years" drop constraint "calendar_years_updated_by_id_foreign";`);

    this.addSql(`alter table "audit_events" drop constraint "audit_events_actor_id_foreign";`);

    this.addSql(`alter table "violations" drop constraint "violations_created_by_id_foreign";`);

    this.addSql(`alter table "violations" drop constraint "violations_decided_by_id_foreign";`);

    this.addSql(`drop table if exists "departments" cascade;`);

    this.addSql(`drop table if exists "deadlines" cascade;`);

    this.addSql(`drop table if exists "job_runs" cascade;`);

    this.addSql(`drop table if exists "login_failures" cascade;`);

    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop table if exists "sessions" cascade;`);

    this.addSql(`drop table if exists "notifications" cascade;`);

    this.addSql(`drop table if exists "calendar_years" cascade;`);

    this.addSql(`drop table if exists "audit_events" cascade;`);

    this.addSql(`drop table if exists "violations" cascade;`);
  }

}
