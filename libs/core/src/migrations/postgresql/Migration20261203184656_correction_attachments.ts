import { Migration } from '@mikro-orm/migrations';

export class Migration20261203184656_correction_attachments extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "correction_attachments" ("id" serial primary key, "correction_id" int not null, "department_id" int not null, "name" varchar(120) not null, "mime_type" varchar(100) not null, "size" int not null, "sha256" varchar(64) not null, "content" bytea not null, "uploaded_by_id" int not null, "uploaded_by_name" varchar(60) not null, "uploaded_at" timestamptz not null);`);
    this.addSql(`create index "correction_attachments_correction_id_index" on "correction_attachments" ("correction_id");`);

    this.addSql(`alter table "correction_attachments" add constraint "correction_attachments_correction_id_foreign" foreign key ("correction_id") references "corrections" ("id") on update cascade;`);
    this.addSql(`alter table "correction_attachments" add constraint "correction_attachments_department_id_foreign" foreign key ("department_id") references "departments" ("id") on update cascade;`);
    this.addSql(`alter table "correction_attachments" add constraint "correction_attachments_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "users" ("id") on update cascade;`);

  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "correction_attachments" cascade;`);

  }

}
