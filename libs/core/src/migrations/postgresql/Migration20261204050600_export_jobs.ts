import { Migration } from '@mikro-orm/migrations';

/** 导出任务 (issue 19, finding 1): long exports run as jobs with their progress, the file kept for a week. */
export class Migration20261204050600_export_jobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "export_jobs" ("id" serial primary key, "kind" varchar(40) not null, "subject_id" int not null, "params" jsonb not null, "format" varchar(12) not null, "requested_by_id" int null, "requested_by_name" varchar(100) not null, "department_id" int null, "status" varchar(12) not null, "progress_done" int not null, "progress_total" int not null, "file_name" varchar(200) not null, "content_type" varchar(120) not null, "file_path" varchar(200) null, "size" bigint null, "error" text null, "attempts" int not null, "created_at" timestamptz not null, "started_at" timestamptz null, "heartbeat_at" timestamptz null, "finished_at" timestamptz null, "expires_at" timestamptz null);`);
    this.addSql(`create index "export_jobs_status_id_index" on "export_jobs" ("status", "id");`);
    this.addSql(`create index "export_jobs_requested_by_id_kind_subject_id_index" on "export_jobs" ("requested_by_id", "kind", "subject_id");`);
    this.addSql(`create index "export_jobs_created_at_index" on "export_jobs" ("created_at");`);
    this.addSql(`alter table "export_jobs" add constraint "export_jobs_requested_by_id_foreign" foreign key ("requested_by_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "export_jobs" add constraint "export_jobs_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "export_jobs" cascade;`);
  }
}
