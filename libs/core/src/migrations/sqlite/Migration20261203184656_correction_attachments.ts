import { Migration } from '@mikro-orm/migrations';

export class Migration20261203184656_correction_attachments extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`correction_attachments\` (\`id\` integer not null primary key autoincrement, \`correction_id\` integer not null, \`department_id\` integer not null, \`name\` text not null, \`mime_type\` text not null, \`size\` integer not null, \`sha256\` text not null, \`content\` blob not null, \`uploaded_by_id\` integer not null, \`uploaded_by_name\` text not null, \`uploaded_at\` datetime not null, constraint \`correction_attachments_correction_id_foreign\` foreign key(\`correction_id\`) references \`corrections\`(\`id\`) on update cascade, constraint \`correction_attachments_department_id_foreign\` foreign key(\`department_id\`) references \`departments\`(\`id\`) on update cascade, constraint \`correction_attachments_uploaded_by_id_foreign\` foreign key(\`uploaded_by_id\`) references \`users\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`correction_attachments_correction_id_index\` on \`correction_attachments\` (\`correction_id\`);`);
    this.addSql(`create index \`correction_attachments_department_id_index\` on \`correction_attachments\` (\`department_id\`);`);
    this.addSql(`create index \`correction_attachments_uploaded_by_id_index\` on \`correction_attachments\` (\`uploaded_by_id\`);`);
  }

}
