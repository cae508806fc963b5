import { Migration } from '@mikro-orm/migrations';

export class Migration20261202161409_open_data extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`open_reviews\` (\`id\` integer not null primary key autoincrement, \`entry_id\` integer not null, \`kind\` text not null, \`conclusion\` text not null, \`basis\` text not null, \`reviewer\` text not null, \`recorded_by_id\` integer not null, \`recorded_at\` datetime not null, constraint \`open_reviews_entry_id_foreign\` foreign key(\`entry_id\`) references \`catalog_entries\`(\`id\`) on update cascade, constraint \`open_reviews_recorded_by_id_foreign\` foreign key(\`recorded_by_id\`) references \`users\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`open_reviews_entry_id_index\` on \`open_reviews\` (\`entry_id\`);`);
    this.addSql(`create index \`open_reviews_recorded_by_id_index\` on \`open_reviews\` (\`recorded_by_id\`);`);
    this.addSql(`create index \`open_reviews_entry_id_kind_recorded_at_index\` on \`open_reviews\` (\`entry_id\`, \`kind\`, \`recorded_at\`);`);

    this.addSql(`create table \`open_datasets\` (\`id\` integer not null primary key autoincrement, \`entry_id\` integer not null, \`name\` text not null, \`published_by_id\` integer not null, \`published_at\` datetime not null, \`withdrawn_at\` datetime null, \`withdrawn_reason\` text null, \`views\` integer not null default 0, \`downloads\` integer not null default 0, constraint \`open_datasets_entry_id_foreign\` foreign key(\`entry_id\`) references \`catalog_entries\`(\`id\`) on update cascade, constraint \`open_datasets_published_by_id_foreign\` foreign key(\`published_by_id\`) references \`users\`(\`id\`) on update cascade);`);
    this.addSql(`create unique index \`open_datasets_entry_id_unique\` on \`open_datasets\` (\`entry_id\`);`);
    this.addSql(`create unique index \`open_datasets_name_unique\` on \`open_datasets\` (\`name\`);`);
    this.addSql(`create index \`open_datasets_published_by_id_index\` on \`open_datasets\` (\`published_by_id\`);`);
    this.addSql(`create index \`open_datasets_withdrawn_at_published_at_index\` on \`open_datasets\` (\`withdrawn_at\`, \`published_at\`);`);
  }

}
