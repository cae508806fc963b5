import { Migration } from '@mikro-orm/migrations';

export class Migration20261126215221_foundation extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`departments\` (\`id\` integer not null primary key autoincrement, \`code\` text not null, \`name\` text not null, \`short_name\` text null, \`kind\` text not null, \`region_code\` text not null, \`parent_id\` integer null, \`is_bureau\` integer not null default false, \`responsible_person\` text null, \`contact_person\` text null, \`contact_phone\` text null, \`contact_email\` text null, \`filed_at\` text null, \`sort_order\` integer not null default 0, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`departments_parent_id_foreign\` foreign key(\`parent_id\`) references \`departments\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create unique index \`departments_code_unique\` on \`departments\` (\`code\`);`);
    this.addSql(`create unique index \`departments_name_unique\` on \`departments\` (\`name\`);`);
    this.addSql(`create index \`departments_region_code_index\` on \`departments\` (\`region_code\`);`);
    this.addSql(`create index \`departments_parent_id_index\` on \`departments\` (\`parent_id\`);`);

    this.addSql(`create table \`deadlines\` (\`id\` integer not null primary key autoincrement, \`kind\` text not null, \`subject_type\` text not null, \`subject_id\` integer not null, \`department_id\` integer null, \`responsible\` text not null, \`started_at\` datetime not null, \`due_at\` datetime not null, \`due_date\` text not null, \`period_n\` integer not null, \`period_unit\` text not null, \`provisional\` integer not null default false, \`state\` text not null, \`completed_at\` datetime null, \`overdue_at\` datetime null, \`created_at\` datetime not null, constraint \`deadlines_department_id_foreign\` foreign key(\`department_id\`) references \`departments\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`deadlines_department_id_index\` on \`deadlines\` (\`department_id\`);`);
    this.addSql(`create index \`deadlines_state_due_at_index\` on \`deadlines\` (\`state\`, \`due_at\`);`);
    this.addSql(`create index \`deadlines_subject_type_subject_id_index\` on \`deadlines\` (\`subject_type\`, \`subject_id\`);`);
    this.addSql(`create index \`deadlines_department_id_state_index\` on \`deadlines\` (\`department_id\`, \`state\`);`);
    this.addSql(`create index \`deadlines_kind_state_index\` on \`deadlines\` (\`kind\`, \`state\`);`);

    this.addSql(`create table \`job_runs\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`trigger\` text not null, \`runner\` text not null, \`started_at\` datetime not null, \`finished_at\` datetime null, \`status\` text not null, \`summary\` json null, \`error\` text null);`);
    this.addSql(`create index \`job_runs_name_started_at_index\` on \`job_runs\` (\`name\`, \`started_at\`);`);

    this.addSql(`create table \`login_failures\` (\`id\` integer not null primary key autoincrement, \`key\` text not null, \`at\` datetime not null);`);
    this.addSql(`create index \`login_failures_key_at_index\` on \`login_failures\` (\`key\`, \`at\`);`);

    this.addSql(`create table \`users\` (\`id\` integer not null primary key autoincrement, \`username\` text not null, \`display_name\` text not null, \`department_id\` integer not null, \`roles\` json not null, \`password_hash\` text not null, \`phone\` text null, \`email\` text null, \`disabled\` integer not null default false, \`last_login_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`users_department_id_foreign\` foreign key(\`department_id\`) references \`departments\`(\`id\`) on update cascade);`);
    this.addSql(`create unique index \`users_username_unique\` on \`users\` (\`username\`);`);
    this.addSql(`create index \`users_department_id_index\` on \`users\` (\`department_id\`);`);

    this.addSql(`create table \`sessions\` (\`id\` integer not null primary key autoincrement, \`token_hash\` text not null, \`user_id\` integer not null, \`created_at\` datetime not null, \`last_seen_at\` datetime not null, \`expires_at\` datetime not null, \`revoked_at\` datetime null, \`ip\` text null, \`user_agent\` text null, constraint \`sessions_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on update cascade);`);
    this.addSql(`create unique index \`sessions_token_hash_unique\` on \`sessions\` (\`token_hash\`);`);
    this.addSql(`create index \`sessions_user_id_index\` on \`sessions\` (\`user_id\`);`);
    this.addSql(`create index \`sessions_expires_at_index\` on \`sessions\` (\`expires_at\`);`);

    this.addSql(`create table \`notifications\` (\`id\` integer not null primary key autoincrement, \`recipient_id\` integer not null, \`kind\` text not null, \`title\` text not null, \`body\` text not null, \`link\` text null, \`subject_type\` text null, \`subject_id\` text null, \`dedupe_key\` text null, \`created_at\` datetime not null, \`read_at\` datetime null, constraint \`notifications_recipient_id_foreign\` foreign key(\`recipient_id\`) references \`users\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`notifications_recipient_id_index\` on \`notifications\` (\`recipient_id\`);`);
    this.addSql(`create unique index \`notifications_dedupe_key_unique\` on \`notifications\` (\`dedupe_key\`);`);
    this.addSql(`create index \`notifications_recipient_id_read_at_index\` on \`notifications\` (\`recipient_id\`, \`read_at\`);`);

    this.addSql(`create table \`calendar_years\` (\`year\` integer not null, \`papers\` json not null, \`days\` json not null, \`updated_at\` datetime not null, \`updated_by_id\` integer null, constraint \`calendar_years_updated_by_id_foreign\` foreign key(\`updated_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`year\`));`);
    this.addSql(`create index \`calendar_years_updated_by_id_index\` on \`calendar_years\` (\`updated_by_id\`);`);

    this.addSql(`create table \`audit_events\` (\`id\` integer not null primary key autoincrement, \`actor_id\` integer null, \`actor_name\` text not null, \`on_behalf_of_department_id\` integer null, \`action\` text not null, \`subject_type\` text not null, \`subject_id\` text not null, \`before\` json null, \`after\` json null, \`ip\` text null, \`at\` datetime not null, constraint \`audit_events_actor_id_foreign\` foreign key(\`actor_id\`) references \`users\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`audit_events_actor_id_index\` on \`audit_events\` (\`actor_id\`);`);
    this.addSql(`create index \`audit_events_subject_type_subject_id_index\` on \`audit_events\` (\`subject_type\`, \`subject_id\`);`);
    this.addSql(`create index \`audit_events_at_index\` on \`audit_events\` (\`at\`);`);

    this.addSql(`create table \`violations\` (\`id\` integer not null primary key autoincrement, \`type\` integer not null, \`department_id\` integer not null, \`source_kind\` text not null, \`source_id\` text not null, \`detected_at\` datetime not null, \`evidence\` json not null, \`status\` text not null, \`manual\` integer not null default false, \`created_by_id\` integer null, \`decided_by_id\` integer null, \`decided_at\` datetime null, \`dismiss_reason\` text null, \`notice_id\` integer null, \`version\` integer not null default 1, constraint \`violations_department_id_foreign\` foreign key(\`department_id\`) references \`departments\`(\`id\`) on update cascade, constraint \`violations_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, constraint \`violations_decided_by_id_foreign\` foreign key(\`decided_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`violations_department_id_index\` on \`violations\` (\`department_id\`);`);
    this.addSql(`create index \`violations_created_by_id_index\` on \`violations\` (\`created_by_id\`);`);
    this.addSql(`create index \`violations_decided_by_id_index\` on \`violations\` (\`decided_by_id\`);`);
    this.addSql(`create index \`violations_notice_id_index\` on \`violations\` (\`notice_id\`);`);
    this.addSql(`create index \`violations_department_id_status_index\` on \`violations\` (\`department_id\`, \`status\`);`);
    this.addSql(`create index \`violations_status_type_index\` on \`violations\` (\`status\`, \`type\`);`);
    this.addSql(`create index \`violations_detected_at_index\` on \`violations\` (\`detected_at\`);`);
    this.addSql(`create unique index \`violations_source_kind_source_id_type_unique\` on \`violations\` (\`source_kind\`, \`source_id\`, \`type\`);`);
  }

}
