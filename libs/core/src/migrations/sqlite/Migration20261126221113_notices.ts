import { Migration } from '@mikro-orm/migrations';

export class Migration20261126221113_notices extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`notice_counters\` (\`year\` integer not null, \`last_sequence\` integer not null, primary key (\`year\`));`);

    this.addSql(`create table \`notice_settings\` (\`id\` integer not null, \`number_prefix\` text not null, \`document_mark\` text not null, \`issuing_authority\` text not null, \`printing_authority\` text not null, \`default_copy_to\` json not null, \`default_signer\` text null, \`updated_at\` datetime not null, \`updated_by_id\` integer null, constraint \`notice_settings_updated_by_id_foreign\` foreign key(\`updated_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`notice_settings_updated_by_id_index\` on \`notice_settings\` (\`updated_by_id\`);`);

    this.addSql(`create table \`notices\` (\`id\` integer not null primary key autoincrement, \`year\` integer null, \`sequence\` integer null, \`number\` text null, \`title\` text not null, \`department_id\` integer not null, \`copy_to\` json not null, \`body\` text not null, \`rectify_mode\` text not null, \`rectify_working_days\` integer null, \`rectify_by\` text null, \`status\` text not null, \`signer\` text null, \`document_mark\` text null, \`issuing_authority\` text null, \`printing_authority\` text null, \`issue_date\` text null, \`issued_at\` datetime null, \`issued_by_id\` integer null, \`deadline_id\` integer null, \`overdue_at\` datetime null, \`escalated_at\` datetime null, \`closed_at\` datetime null, \`created_by_id\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null default 1, constraint \`notices_department_id_foreign\` foreign key(\`department_id\`) references \`departments\`(\`id\`) on update cascade, constraint \`notices_issued_by_id_foreign\` foreign key(\`issued_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, constraint \`notices_deadline_id_foreign\` foreign key(\`deadline_id\`) references \`deadlines\`(\`id\`) on delete set null on update cascade, constraint \`notices_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`users\`(\`id\`) on update cascade);`);
    this.addSql(`create unique index \`notices_number_unique\` on \`notices\` (\`number\`);`);
    this.addSql(`create index \`notices_department_id_index\` on \`notices\` (\`department_id\`);`);
    this.addSql(`create index \`notices_issued_by_id_index\` on \`notices\` (\`issued_by_id\`);`);
    this.addSql(`create index \`notices_deadline_id_index\` on \`notices\` (\`deadline_id\`);`);
    this.addSql(`create index \`notices_created_by_id_index\` on \`notices\` (\`created_by_id\`);`);
    this.addSql(`create index \`notices_department_id_status_index\` on \`notices\` (\`department_id\`, \`status\`);`);
    this.addSql(`create index \`notices_status_index\` on \`notices\` (\`status\`);`);
    this.addSql(`create index \`notices_year_department_id_index\` on \`notices\` (\`year\`, \`department_id\`);`);
    this.addSql(`create unique index \`notices_year_sequence_unique\` on \`notices\` (\`year\`, \`sequence\`);`);

    this.addSql(`create table \`notice_rectifications\` (\`id\` integer not null primary key autoincrement, \`notice_id\` integer not null, \`department_id\` integer not null, \`text\` text not null, \`status\` text not null, \`submitted_at\` datetime not null, \`submitted_by_id\` integer not null, \`decided_at\` datetime null, \`decided_by_id\` integer null, \`comment\` text null, constraint \`notice_rectifications_notice_id_foreign\` foreign key(\`notice_id\`) references \`notices\`(\`id\`) on update cascade, constraint \`notice_rectifications_department_id_foreign\` foreign key(\`department_id\`) references \`departments\`(\`id\`) on update cascade, constraint \`notice_rectifications_submitted_by_id_foreign\` foreign key(\`submitted_by_id\`) references \`users\`(\`id\`) on update cascade, constraint \`notice_rectifications_decided_by_id_foreign\` foreign key(\`decided_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`notice_rectifications_notice_id_index\` on \`notice_rectifications\` (\`notice_id\`);`);
    this.addSql(`create index \`notice_rectifications_department_id_index\` on \`notice_rectifications\` (\`department_id\`);`);
    this.addSql(`create index \`notice_rectifications_submitted_by_id_index\` on \`notice_rectifications\` (\`submitted_by_id\`);`);
    this.addSql(`create index \`notice_rectifications_decided_by_id_index\` on \`notice_rectifications\` (\`decided_by_id\`);`);

    this.addSql(`create table \`notice_attachments\` (\`id\` integer not null primary key autoincrement, \`notice_id\` integer not null, \`rectification_id\` integer null, \`department_id\` integer not null, \`name\` text not null, \`mime_type\` text not null, \`size\` integer not null, \`sha256\` text not null, \`content\` blob not null, \`uploaded_by_id\` integer not null, \`uploaded_at\` datetime not null, constraint \`notice_attachments_notice_id_foreign\` foreign key(\`notice_id\`) references \`notices\`(\`id\`) on update cascade, constraint \`notice_attachments_rectification_id_foreign\` foreign key(\`rectification_id\`) references \`notice_rectifications\`(\`id\`) on delete set null on update cascade, constraint \`notice_attachments_department_id_foreign\` foreign key(\`department_id\`) references \`departments\`(\`id\`) on update cascade, constraint \`notice_attachments_uploaded_by_id_foreign\` foreign key(\`uploaded_by_id\`) references \`users\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`notice_attachments_notice_id_index\` on \`notice_attachments\` (\`notice_id\`);`);
    this.addSql(`create index \`notice_attachments_rectification_id_index\` on \`notice_attachments\` (\`rectification_id\`);`);
    this.addSql(`create index \`notice_attachments_department_id_index\` on \`notice_attachments\` (\`department_id\`);`);
    this.addSql(`create index \`notice_attachments_uploaded_by_id_index\` on \`notice_attachments\` (\`uploaded_by_id\`);`);

    this.addSql(`create table \`notice_violations\` (\`id\` integer not null primary key autoincrement, \`notice_id\` integer not null, \`violation_id\` integer not null, constraint \`notice_violations_notice_id_foreign\` foreign key(\`notice_id\`) references \`notices\`(\`id\`) on update cascade, constraint \`notice_violations_violation_id_foreign\` foreign key(\`violation_id\`) references \`violations\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`notice_violations_notice_id_index\` on \`notice_violations\` (\`notice_id\`);`);
    this.addSql(`create index \`notice_violations_violation_id_index\` on \`notice_violations\` (\`violation_id\`);`);
    this.addSql(`create unique index \`notice_violations_violation_id_unique\` on \`notice_violations\` (\`violation_id\`);`);
  }

}
