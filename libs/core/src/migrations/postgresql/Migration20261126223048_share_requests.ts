import { Migration } from '@mikro-orm/migrations';

export class Migration20261126223048_share_requests extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "share_requests" ("id" serial primary key, "origin" varchar(12) not null, "requester_id" int not null, "requested_by_id" int null, "requested_by_name" varchar(60) not null, "entry_id" int not null, "entry_version" int not null, "provider_id" int not null, "share_type" varchar(16) not null, "item_ids" jsonb not null, "approved_item_ids" jsonb null, "purpose" text not null, "scenario" text not null, "duty" text null, "contact" varchar(100) null, "status" varchar(16) not null, "conditions" text null, "reject_category" varchar(24) null, "reject_reason" text null, "coordination_reason" text null, "current_step_kind" varchar(20) null, "current_due_at" timestamptz null, "current_due_date" varchar(10) null, "submitted_at" timestamptz not null, "decided_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "lock_version" int not null default 1);`);
    this.addSql(`create index "share_requests_requester_id_status_index" on "share_requests" ("requester_id", "status");`);
    this.addSql(`create index "share_requests_provider_id_status_index" on "share_requests" ("provider_id", "status");`);
    this.addSql(`create index "share_requests_status_current_due_at_index" on "share_requests" ("status", "current_due_at");`);
    this.addSql(`create index "share_requests_submitted_at_index" on "share_requests" ("submitted_at");`);

    this.addSql(`create table "share_request_steps" ("id" serial primary key, "request_id" int not null, "seq" int not null, "kind" varchar(20) not null, "department_id" int null, "started_at" timestamptz not null, "decided_at" timestamptz null, "decision" varchar(12) null, "actor_id" int null, "actor_name" varchar(60) null, "on_behalf_of_id" int null, "reason_category" varchar(24) null, "reason" text null);`);
    this.addSql(`alter table "share_request_steps" add constraint "share_request_steps_request_id_seq_unique" unique ("request_id", "seq");`);

    this.addSql(`create table "share_request_events" ("id" serial primary key, "request_id" int not null, "event" varchar(24) not null, "from_status" varchar(16) null, "to_status" varchar(16) not null, "actor_id" int null, "actor_name" varchar(60) not null, "actor_department_id" int null, "on_behalf_of_id" int null, "note" text null, "at" timestamptz not null);`);
    this.addSql(`create index "share_request_events_request_id_at_index" on "share_request_events" ("request_id", "at");`);

    this.addSql(`create table "share_request_messages" ("id" serial primary key, "request_id" int not null, "side" varchar(12) not null, "author_id" int null, "author_name" varchar(60) not null, "department_id" int not null, "on_behalf_of_id" int null, "body" text not null, "at" timestamptz not null);`);
    this.addSql(`create index "share_request_messages_request_id_at_index" on "share_request_messages" ("request_id", "at");`);

    this.addSql(`create table "share_grants" ("id" serial primary key, "consumer_id" int not null, "provider_id" int not null, "entry_id" int not null, "source" varchar(16) not null, "request_id" int null, "active_key" varchar(40) null, "item_ids" jsonb not null, "purpose" text not null, "conditions" text null, "granted_at" timestamptz not null, "valid_until" varchar(10) not null, "status" varchar(12) not null, "renew_count" int not null default 0, "renewed_at" timestamptz null, "revoked_at" timestamptz null, "revoked_by_id" int null, "revoked_by_name" varchar(60) null, "revoked_by_side" varchar(12) null, "revoke_reason" text null, "destroyed_on" varchar(10) null, "destruction_method" varchar(20) null, "destruction_note" text null, "destruction_declared_at" timestamptz null, "destruction_declared_by" varchar(60) null, "created_at" timestamptz not null, "lock_version" int not null default 1);`);
    this.addSql(`alter table "share_grants" add constraint "share_grants_request_id_unique" unique ("request_id");`);
    this.addSql(`alter table "share_grants" add constraint "share_grants_active_key_unique" unique ("active_key");`);
    this.addSql(`create index "share_grants_consumer_id_status_index" on "share_grants" ("consumer_id", "status");`);
    this.addSql(`create index "share_grants_provider_id_status_index" on "share_grants" ("provider_id", "status");`);
    this.addSql(`create index "share_grants_status_valid_until_index" on "share_grants" ("status", "valid_until");`);

    this.addSql(`create table "share_agents" ("id" serial primary key, "provider_id" int not null, "user_id" int not null, "entry_id" int null, "scope_key" varchar(20) not null, "created_by_id" int null, "created_by_name" varchar(60) not null, "created_at" timestamptz not null);`);
    this.addSql(`create index "share_agents_user_id_index" on "share_agents" ("user_id");`);
    this.addSql(`alter table "share_agents" add constraint "share_agents_provider_id_user_id_scope_key_unique" unique ("provider_id", "user_id", "scope_key");`);

    this.addSql(`alter table "share_requests" add constraint "share_requests_requester_id_foreign" foreign key ("requester_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "share_requests" add constraint "share_requests_requested_by_id_foreign" foreign key ("requested_by_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "share_requests" add constraint "share_requests_entry_id_foreign" foreign key ("entry_id") references "catalog_entries" ("id") on update cascade;`);
    this.addSql(`alter table "share_requests" add constraint "share_requests_provider_id_foreign" foreign key ("provider_id") references "departments" ("id") on update cascade;`);

    this.addSql(`alter table "share_request_steps" add constraint "share_request_steps_request_id_foreign" foreign key ("request_id") references "share_requests" ("id") on update cascade;`);
    this.addSql(`alter table "share_request_steps" add constraint "share_request_steps_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "share_request_steps" add constraint "share_request_steps_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "share_request_steps" add constraint "share_request_steps_on_behalf_of_id_foreign" foreign key ("on_behalf_of_id") references "departments" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "share_request_events" add constraint "share_request_events_request_id_foreign" foreign key ("request_id") references "share_requests" ("id") on update cascade;`);
    this.addSql(`alter table "share_request_events" add constraint "share_request_events_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "share_request_events" add constraint "share_request_events_actor_department_id_foreign" foreign key ("actor_department_id") references "departments" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "share_request_events" add constraint "share_request_events_on_behalf_of_id_foreign" foreign key ("on_behalf_of_id") references "departments" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "share_request_messages" add constraint "share_request_messages_request_id_foreign" foreign key ("request_id") references "share_requests" ("id") on update cascade;`);
    this.addSql(`alter table "share_request_messages" add constraint "share_request_messages_author_id_foreign" foreign key ("author_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "share_request_messages" add constraint "share_request_messages_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "share_request_messages" add constraint "share_request_messages_on_behalf_of_id_foreign" foreign key ("on_behalf_of_id") references "departments" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "share_grants" add constraint "share_grants_consumer_id_foreign" foreign key ("consumer_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "share_grants" add constraint "share_grants_provider_id_foreign" foreign key ("provider_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "share_grants" add constraint "share_grants_entry_id_foreign" foreign key ("entry_id") references "catalog_entries" ("id") on update cascade;`);
    this.addSql(`alter table "share_grants" add constraint "share_grants_request_id_foreign" foreign key ("request_id") references "share_requests" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "share_grants" add constraint "share_grants_revoked_by_id_foreign" foreign key ("revoked_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "share_agents" add constraint "share_agents_provider_id_foreign" foreign key ("provider_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "share_agents" add constraint "share_agents_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade;`);
    this.addSql(`alter table "share_agents" add constraint "share_agents_entry_id_foreign" foreign key ("entry_id") references "catalog_entries" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "share_agents" add constraint "share_agents_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "share_request_steps" drop constraint "share_request_steps_request_id_foreign";`);

    this.addSql(`alter table "share_request_events" drop constraint "share_request_events_request_id_foreign";`);

    this.addSql(`alter table "share_request_messages" drop constraint "share_request_messages_request_id_foreign";`);

    this.addSql(`alter table "share_grants" drop constraint "share_grants_request_id_foreign";`);

    this.addSql(`drop table if exists "share_requests" cascade;`);

    this.addSql(`drop table if exists "share_request_steps" cascade;`);

    this.addSql(`drop table if exists "share_request_events" cascade;`);

    this.addSql(`drop table if exists "share_request_messages" cascade;`);

    this.addSql(`drop table if exists "share_grants" cascade;`);

    this.addSql(`drop table if exists "share_agents" cascade;`);
  }

}
