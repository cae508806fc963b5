import { Migration } from '@mikro-orm/migrations';

export class Migration20261203083334_open_accounts_applications extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "public_users" ("id" serial primary key, "kind" varchar(16) not null, "identifier" varchar(254) not null, "identifier_type" varchar(8) not null, "password_hash" varchar(200) not null, "display_name" varchar(50) not null, "organisation_name" varchar(100) null, "credit_code" varchar(18) null, "agreement_version" varchar(40) not null, "agreement_accepted_at" timestamptz not null, "disabled" boolean not null default false, "created_at" timestamptz not null, "last_login_at" timestamptz null);`);
    this.addSql(`alter table "public_users" add constraint "public_users_identifier_unique" unique ("identifier");`);

    this.addSql(`create table "public_sessions" ("id" serial primary key, "token_hash" varchar(64) not null, "user_id" int not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "ip" varchar(64) null, "user_agent" varchar(300) null);`);
    this.addSql(`alter table "public_sessions" add constraint "public_sessions_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "public_sessions_user_id_index" on "public_sessions" ("user_id");`);
    this.addSql(`create index "public_sessions_expires_at_index" on "public_sessions" ("expires_at");`);

    this.addSql(`create table "public_api_keys" ("id" serial primary key, "user_id" int not null, "name" varchar(50) not null, "prefix" varchar(16) not null, "key_hash" varchar(64) not null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null);`);
    this.addSql(`create index "public_api_keys_user_id_index" on "public_api_keys" ("user_id");`);
    this.addSql(`alter table "public_api_keys" add constraint "public_api_keys_prefix_unique" unique ("prefix");`);
    this.addSql(`alter table "public_api_keys" add constraint "public_api_keys_key_hash_unique" unique ("key_hash");`);

    this.addSql(`create table "open_applications" ("id" serial primary key, "applicant_id" int not null, "dataset_id" int not null, "entry_id" int not null, "provider_id" int not null, "purpose" text not null, "scenario" text not null, "fields" jsonb not null, "period_from" varchar(10) not null, "period_to" varchar(10) not null, "commitments" text not null, "status" varchar(12) not null, "submitted_at" timestamptz not null, "answered_at" timestamptz null, "answered_by_id" int null, "conditions" text null, "valid_until" varchar(10) null, "refusal_reasons" text null, "refusal_basis" text null);`);
    this.addSql(`create index "open_applications_provider_id_status_index" on "open_applications" ("provider_id", "status");`);
    this.addSql(`create index "open_applications_applicant_id_submitted_at_index" on "open_applications" ("applicant_id", "submitted_at");`);
    this.addSql(`create index "open_applications_dataset_id_applicant_id_status_index" on "open_applications" ("dataset_id", "applicant_id", "status");`);

    this.addSql(`alter table "public_sessions" add constraint "public_sessions_user_id_foreign" foreign key ("user_id") references "public_users" ("id") on update cascade;`);

    this.addSql(`alter table "public_api_keys" add constraint "public_api_keys_user_id_foreign" foreign key ("user_id") references "public_users" ("id") on update cascade;`);

    this.addSql(`alter table "open_applications" add constraint "open_applications_applicant_id_foreign" foreign key ("applicant_id") references "public_users" ("id") on update cascade;`);
    this.addSql(`alter table "open_applications" add constraint "open_applications_dataset_id_foreign" foreign key ("dataset_id") references "open_datasets" ("id") on update cascade;`);
    this.addSql(`alter table "open_applications" add constraint "open_applications_entry_id_foreign" foreign key ("entry_id") references "catalog_entries" ("id") on update cascade;`);
    this.addSql(`alter table "open_applications" add constraint "open_applications_provider_id_foreign" foreign key ("provider_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "open_applications" add constraint "open_applications_answered_by_id_foreign" foreign key ("answered_by_id") references "users" ("id") on update cascade on delete set null;`);

  }

  override async down(): Promise<void> {
    this.addSql(`alter table "public_sessions" drop constraint "public_sessions_user_id_foreign";`);

    this.addSql(`alter table "public_api_keys" drop constraint "public_api_keys_user_id_foreign";`);

    this.addSql(`alter table "open_applications" drop constraint "open_applications_applicant_id_foreign";`);

    this.addSql(`drop table if exists "public_users" cascade;`);

    this.addSql(`drop table if exists "public_sessions" cascade;`);

    this.addSql(`drop table if exists "public_api_keys" cascade;`);

    this.addSql(`drop table if exists "open_applications" cascade;`);

  }

}
