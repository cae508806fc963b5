import { Migration } from '@mikro-orm/migrations';

export class Migration20261203181512_high_frequency extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`high_frequency_members\` (\`id\` integer not null primary key autoincrement, \`entry_id\` integer not null, \`added_by_id\` integer not null, \`added_by_name\` text not null, \`added_at\` datetime not null, \`add_reason\` text not null, \`removed_by_name\` text null, \`removed_at\` datetime null, \`remove_reason\` text null, constraint \`high_frequency_members_entry_id_foreign\` foreign key(\`entry_id\`) references \`catalog_entries\`(\`id\`) on update cascade, constraint \`high_frequency_members_added_by_id_foreign\` foreign key(\`added_by_id\`) references \`users\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`high_frequency_members_entry_id_index\` on \`high_frequency_members\` (\`entry_id\`);`);
    this.addSql(`create index \`high_frequency_members_added_by_id_index\` on \`high_frequency_members\` (\`added_by_id\`);`);
    this.addSql(`create index \`high_frequency_members_entry_id_removed_at_index\` on \`high_frequency_members\` (\`entry_id\`, \`removed_at\`);`);

    this.addSql(`alter table \`catalog_entries\` add column \`high_frequency\` integer not null default false;`);
  }

}
