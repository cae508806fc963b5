import { Migration } from '@mikro-orm/migrations';

export class Migration20261203055908_rule_sets extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`rule_set_switches\` (\`id\` integer not null primary key autoincrement, \`rule_set_id\` text not null, \`rule_set_version\` integer not null, \`effective_from\` text not null, \`reason\` text not null, \`scheduled_by_id\` integer not null, \`scheduled_at\` datetime not null, \`cancelled_by_id\` integer null, \`cancelled_at\` datetime null, constraint \`rule_set_switches_scheduled_by_id_foreign\` foreign key(\`scheduled_by_id\`) references \`users\`(\`id\`) on update cascade, constraint \`rule_set_switches_cancelled_by_id_foreign\` foreign key(\`cancelled_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`rule_set_switches_scheduled_by_id_index\` on \`rule_set_switches\` (\`scheduled_by_id\`);`);
    this.addSql(`create index \`rule_set_switches_cancelled_by_id_index\` on \`rule_set_switches\` (\`cancelled_by_id\`);`);
    this.addSql(`create index \`rule_set_switches_effective_from_index\` on \`rule_set_switches\` (\`effective_from\`);`);

    this.addSql(`alter table \`deadlines\` add column \`rule_set\` text not null default 'shuozhou-2022';`);
    this.addSql(`alter table \`deadlines\` add column \`rule_set_version\` integer not null default 1;`);

    this.addSql(`alter table \`catalog_entries\` add column \`data_on_platform\` integer not null default false;`);
  }

}
