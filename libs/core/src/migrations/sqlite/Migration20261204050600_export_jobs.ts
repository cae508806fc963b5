import { Migration } from '@mikro-orm/migrations';

/** 导出任务 (issue 19, finding 1): long exports run as jobs with their progress, the file kept for a week. */
export class Migration20261204050600_export_jobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`export_jobs\` (\`id\` integer not null primary key autoincrement, \`kind\` text not null, \`subject_id\` integer not null, \`params\` json not null, \`format\` text not null, \`requested_by_id\` integer null, \`requested_by_name\` text not null, \`department_id\` integer null, \`status\` text not null, \`progress_done\` integer not null, \`progress_total\` integer not null, \`file_name\` text not null, \`content_type\` text not null, \`file_path\` text null, \`size\` bigint null, \`error\` text null, \`attempts\` integer not null, \`created_at\` datetime not null, \`started_at\` datetime null, \`heartbeat_at\` datetime null, \`finished_at\` datetime null, \`expires_at\` datetime null, constraint \`export_jobs_requested_by_id_foreign\` foreign key(\`requested_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, constraint \`export_jobs_department_id_foreign\` foreign key(\`department_id\`) references \`departments\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`export_jobs_requested_by_id_index\` on \`export_jobs\` (\`requested_by_id\`);`);
    this.addSql(`create index \`export_jobs_department_id_index\` on \`export_jobs\` (\`department_id\`);`);
    this.addSql(`create index \`export_jobs_status_id_index\` on \`export_jobs\` (\`status\`, \`id\`);`);
    this.addSql(`create index \`export_jobs_requested_by_id_kind_subject_id_index\` on \`export_jobs\` (\`requested_by_id\`, \`kind\`, \`subject_id\`);`);
    this.addSql(`create index \`export_jobs_created_at_index\` on \`export_jobs\` (\`created_at\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`export_jobs\`;`);
  }
}
