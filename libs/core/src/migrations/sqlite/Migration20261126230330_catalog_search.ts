import { Migration } from '@mikro-orm/migrations';

export class Migration20261126230330_catalog_search extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`catalog_search\` (\`entry_id\` integer not null, \`text\` text not null, constraint \`catalog_search_entry_id_foreign\` foreign key(\`entry_id\`) references \`catalog_entries\`(\`id\`) on delete cascade on update cascade, primary key (\`entry_id\`));`);

    this.addSql(`drop index \`catalog_entries_security_grade_index\`;`);
    this.addSql(`drop index \`catalog_entries_open_type_index\`;`);
    this.addSql(`drop index \`catalog_entries_share_type_index\`;`);
    // hand-added: carry the search text of existing entries over before its column goes (the generator only drops it)
    this.addSql(`insert into \`catalog_search\` (\`entry_id\`, \`text\`) select \`id\`, \`search_text\` from \`catalog_entries\`;`);
    this.addSql(`alter table \`catalog_entries\` drop column \`search_text\`;`);

    this.addSql(`create index \`catalog_entries_updated_at_index\` on \`catalog_entries\` (\`updated_at\`);`);
    this.addSql(`create index \`catalog_entries_list_filter_index\` on \`catalog_entries\` (\`status\`, \`share_type\`, \`open_type\`, \`security_grade\`, \`update_cycle\`, \`resource_type\`, \`provider_id\`, \`library\`, \`updated_at\`);`);
  }

}
