import { Migration } from '@mikro-orm/migrations';

export class Migration20261202161216_login_throttles extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`login_throttles\` (\`key\` text not null, \`window_start\` datetime not null, \`count\` integer not null, \`next_at\` datetime null, primary key (\`key\`));`);

    this.addSql(`drop table if exists \`login_failures\`;`);
  }

}
