import { Migration } from '@mikro-orm/migrations';

export class Migration20261202162123_job_run_attempts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`job_runs\` add column \`queue_job_id\` text null;`);
    this.addSql(`alter table \`job_runs\` add column \`attempt\` integer null;`);
    this.addSql(`create index \`job_runs_queue_job_id_index\` on \`job_runs\` (\`queue_job_id\`);`);
  }

}
