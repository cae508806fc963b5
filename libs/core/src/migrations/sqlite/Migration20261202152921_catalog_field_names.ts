import { Migration } from '@mikro-orm/migrations';

export class Migration20261202152921_catalog_field_names extends Migration {

  override async up(): Promise<void> {
    // existing items get item_<position>, unique among an entry's live items; providers rename them in the editor
    this.addSql(`alter table \`catalog_items\` add column \`field_name\` text not null default '';`);
    this.addSql(`update \`catalog_items\` set \`field_name\` = 'item_' || \`position\`;`);
    this.addSql(`alter table \`catalog_items\` add column \`query_key\` integer not null default false;`);
    this.addSql(`update \`catalog_items\` set \`query_key\` = \`primary_key\`;`);
    // SQLite cannot drop a column default: rebuild the table without the '' default
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(`create table \`catalog_items__temp_alter\` (\`id\` integer not null primary key autoincrement, \`entry_id\` integer not null, \`position\` integer not null, \`name\` text not null, \`field_name\` text not null, \`normalized_name\` text not null, \`data_type\` text not null, \`length\` integer null, \`nullable\` integer not null default true, \`primary_key\` integer not null default false, \`query_key\` integer not null default false, \`sensitive\` integer not null default false, \`secret\` integer not null default false, \`desensitization\` text not null, \`description\` text null, \`created_at\` datetime not null, \`removed_at\` datetime null, constraint \`catalog_items_entry_id_foreign\` foreign key(\`entry_id\`) references \`catalog_entries\`(\`id\`) on update cascade);`);
    this.addSql(`insert into \`catalog_items__temp_alter\` select \`id\`, \`entry_id\`, \`position\`, \`name\`, \`field_name\`, \`normalized_name\`, \`data_type\`, \`length\`, \`nullable\`, \`primary_key\`, \`query_key\`, \`sensitive\`, \`secret\`, \`desensitization\`, \`description\`, \`created_at\`, \`removed_at\` from \`catalog_items\`;`);
    this.addSql(`drop table \`catalog_items\`;`);
    this.addSql(`alter table \`catalog_items__temp_alter\` rename to \`catalog_items\`;`);
    this.addSql(`create index \`catalog_items_entry_id_index\` on \`catalog_items\` (\`entry_id\`);`);
    this.addSql(`create index \`catalog_items_entry_id_removed_at_index\` on \`catalog_items\` (\`entry_id\`, \`removed_at\`);`);
    this.addSql(`create index \`catalog_items_normalized_name_index\` on \`catalog_items\` (\`normalized_name\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }

}
