import { Migration } from '@mikro-orm/migrations';

export class Migration20261202195106_lifecycle extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`retirements\` (\`id\` integer not null primary key autoincrement, \`entry_id\` integer not null, \`replacement_id\` integer not null, \`provider_id\` integer not null, \`reason\` text not null, \`retire_on\` text not null, \`status\` text not null, \`proposed_by_id\` integer not null, \`proposed_by_name\` text not null, \`proposed_at\` datetime not null, \`decided_by_name\` text null, \`decided_at\` datetime null, \`return_reason\` text null, \`reminded_at\` datetime null, \`retired_at\` datetime null, constraint \`retirements_entry_id_foreign\` foreign key(\`entry_id\`) references \`catalog_entries\`(\`id\`) on update cascade, constraint \`retirements_replacement_id_foreign\` foreign key(\`replacement_id\`) references \`catalog_entries\`(\`id\`) on update cascade, constraint \`retirements_provider_id_foreign\` foreign key(\`provider_id\`) references \`departments\`(\`id\`) on update cascade, constraint \`retirements_proposed_by_id_foreign\` foreign key(\`proposed_by_id\`) references \`users\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`retirements_entry_id_index\` on \`retirements\` (\`entry_id\`);`);
    this.addSql(`create index \`retirements_replacement_id_index\` on \`retirements\` (\`replacement_id\`);`);
    this.addSql(`create index \`retirements_provider_id_index\` on \`retirements\` (\`provider_id\`);`);
    this.addSql(`create index \`retirements_proposed_by_id_index\` on \`retirements\` (\`proposed_by_id\`);`);
    this.addSql(`create index \`retirements_status_retire_on_index\` on \`retirements\` (\`status\`, \`retire_on\`);`);
    this.addSql(`create index \`retirements_entry_id_status_index\` on \`retirements\` (\`entry_id\`, \`status\`);`);
    this.addSql(`create index \`retirements_provider_id_status_index\` on \`retirements\` (\`provider_id\`, \`status\`);`);

    this.addSql(`create table \`corrections\` (\`id\` integer not null primary key autoincrement, \`entry_id\` integer not null, \`provider_id\` integer not null, \`reporter_id\` integer not null, \`reported_by_id\` integer null, \`reported_by_name\` text not null, \`channel\` text not null, \`item_ids\` json not null, \`record_key\` text null, \`dataset_version\` integer null, \`description\` text not null, \`evidence\` text null, \`status\` text not null, \`received_at\` datetime not null, \`due_at\` datetime not null, \`due_date\` text not null, \`decision\` text null, \`reason\` text null, \`corrected_dataset_version\` integer null, \`corrected_catalog_version\` integer null, \`correct_on\` text null, \`answered_at\` datetime null, \`answered_by_name\` text null, \`answered_on_time\` integer null, \`contest_reason\` text null, \`contested_at\` datetime null, \`bureau_decision\` text null, \`bureau_reason\` text null, \`decided_at\` datetime null, \`decided_by_name\` text null, \`error_confirmed\` integer not null default false, constraint \`corrections_entry_id_foreign\` foreign key(\`entry_id\`) references \`catalog_entries\`(\`id\`) on update cascade, constraint \`corrections_provider_id_foreign\` foreign key(\`provider_id\`) references \`departments\`(\`id\`) on update cascade, constraint \`corrections_reporter_id_foreign\` foreign key(\`reporter_id\`) references \`departments\`(\`id\`) on update cascade, constraint \`corrections_reported_by_id_foreign\` foreign key(\`reported_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`corrections_entry_id_index\` on \`corrections\` (\`entry_id\`);`);
    this.addSql(`create index \`corrections_provider_id_index\` on \`corrections\` (\`provider_id\`);`);
    this.addSql(`create index \`corrections_reporter_id_index\` on \`corrections\` (\`reporter_id\`);`);
    this.addSql(`create index \`corrections_reported_by_id_index\` on \`corrections\` (\`reported_by_id\`);`);
    this.addSql(`create index \`corrections_entry_id_status_index\` on \`corrections\` (\`entry_id\`, \`status\`);`);
    this.addSql(`create index \`corrections_provider_id_status_index\` on \`corrections\` (\`provider_id\`, \`status\`);`);
    this.addSql(`create index \`corrections_reporter_id_status_index\` on \`corrections\` (\`reporter_id\`, \`status\`);`);
    this.addSql(`create index \`corrections_received_at_index\` on \`corrections\` (\`received_at\`);`);

    this.addSql(`alter table \`catalog_entries\` add column \`replaced_by_id\` integer null;`);
  }

}
