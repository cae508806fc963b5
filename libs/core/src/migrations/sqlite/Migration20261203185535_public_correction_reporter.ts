import { Migration } from '@mikro-orm/migrations';

export class Migration20261203185535_public_correction_reporter extends Migration {

  override async up(): Promise<void> {
    // 开放门户 reports (第十七条, issue 16 item 5): the reporting department becomes optional and the public account is
    // recorded instead. SQLite changes no column's NOT NULL: the table is rebuilt with the same rows and indexes.
    // (correction_attachments, a day old, references it; a database holding attachments already would need them
    // copied around this rebuild — none exist outside development.)
    this.addSql(`create table \`corrections__temp_alter\` (\`id\` integer not null primary key autoincrement, \`entry_id\` integer not null, \`provider_id\` integer not null, \`reporter_id\` integer null, \`public_reporter_id\` integer null, \`reported_by_id\` integer null, \`reported_by_name\` text not null, \`channel\` text not null, \`item_ids\` json not null, \`record_key\` text null, \`dataset_version\` integer null, \`description\` text not null, \`evidence\` text null, \`status\` text not null, \`received_at\` datetime not null, \`due_at\` datetime not null, \`due_date\` text not null, \`decision\` text null, \`reason\` text null, \`corrected_dataset_version\` integer null, \`corrected_catalog_version\` integer null, \`correct_on\` text null, \`answered_at\` datetime null, \`answered_by_name\` text null, \`answered_on_time\` integer null, \`contest_reason\` text null, \`contested_at\` datetime null, \`bureau_decision\` text null, \`bureau_reason\` text null, \`decided_at\` datetime null, \`decided_by_name\` text null, \`error_confirmed\` integer not null default false, constraint \`corrections_entry_id_foreign\` foreign key(\`entry_id\`) references \`catalog_entries\`(\`id\`) on update cascade, constraint \`corrections_provider_id_foreign\` foreign key(\`provider_id\`) references \`departments\`(\`id\`) on update cascade, constraint \`corrections_reporter_id_foreign\` foreign key(\`reporter_id\`) references \`departments\`(\`id\`) on delete set null on update cascade, constraint \`corrections_reported_by_id_foreign\` foreign key(\`reported_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`insert into \`corrections__temp_alter\` (\`id\`, \`entry_id\`, \`provider_id\`, \`reporter_id\`, \`reported_by_id\`, \`reported_by_name\`, \`channel\`, \`item_ids\`, \`record_key\`, \`dataset_version\`, \`description\`, \`evidence\`, \`status\`, \`received_at\`, \`due_at\`, \`due_date\`, \`decision\`, \`reason\`, \`corrected_dataset_version\`, \`corrected_catalog_version\`, \`correct_on\`, \`answered_at\`, \`answered_by_name\`, \`answered_on_time\`, \`contest_reason\`, \`contested_at\`, \`bureau_decision\`, \`bureau_reason\`, \`decided_at\`, \`decided_by_name\`, \`error_confirmed\`) select \`id\`, \`entry_id\`, \`provider_id\`, \`reporter_id\`, \`reported_by_id\`, \`reported_by_name\`, \`channel\`, \`item_ids\`, \`record_key\`, \`dataset_version\`, \`description\`, \`evidence\`, \`status\`, \`received_at\`, \`due_at\`, \`due_date\`, \`decision\`, \`reason\`, \`corrected_dataset_version\`, \`corrected_catalog_version\`, \`correct_on\`, \`answered_at\`, \`answered_by_name\`, \`answered_on_time\`, \`contest_reason\`, \`contested_at\`, \`bureau_decision\`, \`bureau_reason\`, \`decided_at\`, \`decided_by_name\`, \`error_confirmed\` from \`corrections\`;`);
    this.addSql(`drop table \`corrections\`;`);
    this.addSql(`alter table \`corrections__temp_alter\` rename to \`corrections\`;`);
    this.addSql(`create index \`corrections_entry_id_index\` on \`corrections\` (\`entry_id\`);`);
    this.addSql(`create index \`corrections_provider_id_index\` on \`corrections\` (\`provider_id\`);`);
    this.addSql(`create index \`corrections_reporter_id_index\` on \`corrections\` (\`reporter_id\`);`);
    this.addSql(`create index \`corrections_reported_by_id_index\` on \`corrections\` (\`reported_by_id\`);`);
    this.addSql(`create index \`corrections_entry_id_status_index\` on \`corrections\` (\`entry_id\`, \`status\`);`);
    this.addSql(`create index \`corrections_provider_id_status_index\` on \`corrections\` (\`provider_id\`, \`status\`);`);
    this.addSql(`create index \`corrections_reporter_id_status_index\` on \`corrections\` (\`reporter_id\`, \`status\`);`);
    this.addSql(`create index \`corrections_received_at_index\` on \`corrections\` (\`received_at\`);`);
    this.addSql(`create index \`corrections_public_reporter_id_index\` on \`corrections\` (\`public_reporter_id\`);`);
  }

}
