import { Migration } from '@mikro-orm/migrations';

export class Migration20261202162123_job_run_attempts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "job_runs" add column "queue_job_id" varchar(100) null, add column "attempt" int null;`);
    this.addSql(`create index "job_runs_queue_job_id_index" on "job_runs" ("queue_job_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "job_runs_queue_job_id_index";`);
    this.addSql(`alter table "job_runs" drop column "queue_job_id", drop column "attempt";`);
  }

}
