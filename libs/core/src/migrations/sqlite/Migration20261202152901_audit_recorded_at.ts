import { Migration } from '@mikro-orm/migrations';

export class Migration20261202152901_audit_recorded_at extends Migration {

  override async up(): Promise<void> {
    // SQLite adds no NOT NULL column without a default: rebuild the table. Rows written before this migration have
    // no known recording time; their business time is the best estimate.
    this.addSql(`create table \`audit_events__temp_alter\` (\`id\` integer not null primary key autoincrement, \`actor_id\` integer null, \`actor_name\` text not null, \`on_behalf_of_department_id\` integer null, \`action\` text not null, \`subject_type\` text not null, \`subject_id\` text not null, \`before\` json null, \`after\` json null, \`ip\` text null, \`at\` datetime not null, \`recorded_at\` datetime not null, constraint \`audit_events_actor_id_foreign\` foreign key(\`actor_id\`) references \`users\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`insert into \`audit_events__temp_alter\` select \`id\`, \`actor_id\`, \`actor_name\`, \`on_behalf_of_department_id\`, \`action\`, \`subject_type\`, \`subject_id\`, \`before\`, \`after\`, \`ip\`, \`at\`, \`at\` from \`audit_events\`;`);
    this.addSql(`drop table \`audit_events\`;`);
    this.addSql(`alter table \`audit_events__temp_alter\` rename to \`audit_events\`;`);
    this.addSql(`create index \`audit_events_actor_id_index\` on \`audit_events\` (\`actor_id\`);`);
    this.addSql(`create index \`audit_events_subject_type_subject_id_index\` on \`audit_events\` (\`subject_type\`, \`subject_id\`);`);
    this.addSql(`create index \`audit_events_at_index\` on \`audit_events\` (\`at\`);`);
  }

}
