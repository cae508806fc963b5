import { Migration } from '@mikro-orm/migrations';

export class Migration20261203185535_public_correction_reporter extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "corrections" drop constraint "corrections_reporter_id_foreign";`);

    this.addSql(`alter table "corrections" add column "public_reporter_id" int null;`);
    this.addSql(`alter table "corrections" alter column "reporter_id" type int using ("reporter_id"::int);`);
    this.addSql(`alter table "corrections" alter column "reporter_id" drop not null;`);
    this.addSql(`alter table "corrections" add constraint "corrections_reporter_id_foreign" foreign key ("reporter_id") references "departments" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "corrections_public_reporter_id_index" on "corrections" ("public_reporter_id");`);

  }

  override async down(): Promise<void> {
    this.addSql(`alter table "corrections" drop constraint "corrections_reporter_id_foreign";`);


    this.addSql(`drop index "corrections_public_reporter_id_index";`);
    this.addSql(`alter table "corrections" drop column "public_reporter_id";`);

    this.addSql(`alter table "corrections" alter column "reporter_id" type int4 using ("reporter_id"::int4);`);
    this.addSql(`alter table "corrections" alter column "reporter_id" set not null;`);
    this.addSql(`alter table "corrections" add constraint "corrections_reporter_id_foreign" foreign key ("reporter_id") references "departments" ("id") on update cascade on delete no action;`);
  }

}
