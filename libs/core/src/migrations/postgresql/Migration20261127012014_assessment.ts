import { Migration } from '@mikro-orm/migrations';

export class Migration20261127012014_assessment extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "assessment_schemes" ("year" int not null, "scheme" jsonb not null, "updated_at" timestamptz not null, "updated_by_id" int null, constraint "assessment_schemes_pkey" primary key ("year"));`);

    this.addSql(`create table "assessment_revisions" ("id" serial primary key, "year" int not null, "number" int not null, "status" varchar(12) not null, "reason" text null, "as_of" varchar(10) not null, "computed_at" timestamptz not null, "computed_by_id" int null, "published_at" timestamptz null, "published_by_id" int null, "scheme" jsonb not null, "department_count" int not null);`);
    this.addSql(`create index "assessment_revisions_year_status_index" on "assessment_revisions" ("year", "status");`);
    this.addSql(`alter table "assessment_revisions" add constraint "assessment_revisions_year_number_unique" unique ("year", "number");`);

    this.addSql(`create table "assessment_results" ("id" serial primary key, "revision_id" int not null, "department_id" int not null, "total" double precision not null, "grade" varchar(12) not null, "rank" int not null, "previous_total" double precision null, "change" double precision null, "measured_weight" double precision not null, "indicators" jsonb not null, "categories" jsonb not null, "facts" jsonb not null, "suspended" boolean not null, "suspension_reasons" jsonb not null);`);
    this.addSql(`alter table "assessment_results" add constraint "assessment_results_revision_id_department_id_unique" unique ("revision_id", "department_id");`);

    this.addSql(`create table "assessment_computations" ("id" serial primary key, "year" int not null, "active_year" int null, "phase" varchar(12) not null, "done" int not null, "total" int not null, "reason" text null, "started_at" timestamptz not null, "heartbeat_at" timestamptz not null, "finished_at" timestamptz null, "started_by_id" int null, "revision" int null, "error" text null);`);
    this.addSql(`alter table "assessment_computations" add constraint "assessment_computations_active_year_unique" unique ("active_year");`);
    this.addSql(`create index "assessment_computations_year_started_at_index" on "assessment_computations" ("year", "started_at");`);

    this.addSql(`alter table "assessment_schemes" add constraint "assessment_schemes_updated_by_id_foreign" foreign key ("updated_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "assessment_revisions" add constraint "assessment_revisions_computed_by_id_foreign" foreign key ("computed_by_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "assessment_revisions" add constraint "assessment_revisions_published_by_id_foreign" foreign key ("published_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "assessment_results" add constraint "assessment_results_revision_id_foreign" foreign key ("revision_id") references "assessment_revisions" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "assessment_results" add constraint "assessment_results_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade;`);

    this.addSql(`alter table "assessment_computations" add constraint "assessment_computations_started_by_id_foreign" foreign key ("started_by_id") references "users" ("id") on update cascade on delete set null;`);

    // hand-added: published results are immutable (第三十条) — a database guard behind the service's own checks
    this.addSql(`create or replace function "assessment_results_guard"() returns trigger language plpgsql as $$
begin
  if exists (select 1 from "assessment_revisions" r where r."id" = old."revision_id" and r."status" in ('published', 'superseded')) then
    raise exception '已公布的考核结果不可修改或删除（第三十条）：如需更正，请重新计算生成新的修订' using errcode = 'check_violation';
  end if;
  if tg_op = 'DELETE' then return old; end if;
  return new;
end $$;`);
    this.addSql(`create trigger "assessment_results_guard" before update or delete on "assessment_results" for each row execute function "assessment_results_guard"();`);
    this.addSql(`create or replace function "assessment_revisions_guard"() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if old."status" <> 'draft' then raise exception '已公布的考核结果不可修改或删除（第三十条）：如需更正，请重新计算生成新的修订' using errcode = 'check_violation'; end if;
    return old;
  end if;
  if old."status" = 'superseded' or (old."status" = 'published' and (new."status" <> 'superseded'
      or (new."year", new."number", new."reason", new."as_of", new."computed_at", new."published_at", new."department_count")
         is distinct from (old."year", old."number", old."reason", old."as_of", old."computed_at", old."published_at", old."department_count")
      or new."scheme" <> old."scheme")) then
    raise exception '已公布的考核结果不可修改或删除（第三十条）：如需更正，请重新计算生成新的修订' using errcode = 'check_violation';
  end if;
  return new;
end $$;`);
    this.addSql(`create trigger "assessment_revisions_guard" before update or delete on "assessment_revisions" for each row execute function "assessment_revisions_guard"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "assessment_results_guard" on "assessment_results";`);
    this.addSql(`drop trigger if exists "assessment_revisions_guard" on "assessment_revisions";`);
    this.addSql(`drop function if exists "assessment_results_guard"();`);
    this.addSql(`drop function if exists "assessment_revisions_guard"();`);

    this.addSql(`alter table "assessment_results" drop constraint "assessment_results_revision_id_foreign";`);

    this.addSql(`drop table if exists "assessment_schemes" cascade;`);

    this.addSql(`drop table if exists "assessment_revisions" cascade;`);

    this.addSql(`drop table if exists "assessment_results" cascade;`);

    this.addSql(`drop table if exists "assessment_computations" cascade;`);
  }

}
