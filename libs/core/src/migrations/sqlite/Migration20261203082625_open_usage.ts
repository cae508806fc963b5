import { Migration } from '@mikro-orm/migrations';

export class Migration20261203082625_open_usage extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`open_file_sizes\` (\`version_id\` integer not null, \`format\` text not null, \`bytes\` bigint not null, \`rows\` integer not null, primary key (\`version_id\`, \`format\`));`);

    this.addSql(`create table \`open_usage\` (\`dataset_id\` integer not null, \`day\` text not null, \`views\` integer not null default 0, \`downloads\` integer not null default 0, primary key (\`dataset_id\`, \`day\`));`);
    this.addSql(`create index \`open_usage_day_index\` on \`open_usage\` (\`day\`);`);
  }

}
