import { Migration } from '@mikro-orm/migrations';

export class Migration20261126221141_service_record extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`service_record_entries\` (\`id\` integer not null primary key autoincrement, \`kind\` text not null, \`article\` text not null, \`source_kind\` text not null, \`source_id\` text not null, \`detected_at\` datetime not null, \`evidence\` json not null);`);
    this.addSql(`create index \`service_record_entries_detected_at_index\` on \`service_record_entries\` (\`detected_at\`);`);
    this.addSql(`create unique index \`service_record_entries_source_kind_source_id_kind_unique\` on \`service_record_entries\` (\`source_kind\`, \`source_id\`, \`kind\`);`);
  }

}
