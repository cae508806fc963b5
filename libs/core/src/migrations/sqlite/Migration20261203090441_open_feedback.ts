import { Migration } from '@mikro-orm/migrations';

export class Migration20261203090441_open_feedback extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`open_showcases\` (\`id\` integer not null primary key autoincrement, \`dataset_id\` integer not null, \`author_id\` integer not null, \`title\` text not null, \`kind\` text not null, \`description\` text not null, \`url\` text null, \`status\` text not null, \`submitted_at\` datetime not null, \`reviewed_at\` datetime null, \`reviewed_by_id\` integer null, \`reason\` text null, constraint \`open_showcases_dataset_id_foreign\` foreign key(\`dataset_id\`) references \`open_datasets\`(\`id\`) on update cascade, constraint \`open_showcases_author_id_foreign\` foreign key(\`author_id\`) references \`public_users\`(\`id\`) on update cascade, constraint \`open_showcases_reviewed_by_id_foreign\` foreign key(\`reviewed_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`open_showcases_dataset_id_index\` on \`open_showcases\` (\`dataset_id\`);`);
    this.addSql(`create index \`open_showcases_author_id_index\` on \`open_showcases\` (\`author_id\`);`);
    this.addSql(`create index \`open_showcases_reviewed_by_id_index\` on \`open_showcases\` (\`reviewed_by_id\`);`);
    this.addSql(`create index \`open_showcases_dataset_id_status_index\` on \`open_showcases\` (\`dataset_id\`, \`status\`);`);
    this.addSql(`create index \`open_showcases_status_submitted_at_index\` on \`open_showcases\` (\`status\`, \`submitted_at\`);`);

    this.addSql(`create table \`open_ratings\` (\`id\` integer not null primary key autoincrement, \`dataset_id\` integer not null, \`user_id\` integer not null, \`score\` integer not null, \`rated_at\` datetime not null, constraint \`open_ratings_dataset_id_foreign\` foreign key(\`dataset_id\`) references \`open_datasets\`(\`id\`) on update cascade, constraint \`open_ratings_user_id_foreign\` foreign key(\`user_id\`) references \`public_users\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`open_ratings_dataset_id_index\` on \`open_ratings\` (\`dataset_id\`);`);
    this.addSql(`create index \`open_ratings_user_id_index\` on \`open_ratings\` (\`user_id\`);`);
    this.addSql(`create unique index \`open_ratings_dataset_id_user_id_unique\` on \`open_ratings\` (\`dataset_id\`, \`user_id\`);`);
  }

}
