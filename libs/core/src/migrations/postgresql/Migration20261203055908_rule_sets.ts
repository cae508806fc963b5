import { Migration } from '@mikro-orm/migrations';

export class Migration20261203055908_rule_sets extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "rule_set_switches" ("id" serial primary key, "rule_set_id" varchar(40) not null, "rule_set_version" int not null, "effective_from" varchar(10) not null, "reason" text not null, "scheduled_by_id" int not null, "scheduled_at" timestamptz not null, "cancelled_by_id" int null, "cancelled_at" timestamptz null);`);
    this.addSql(`create index "rule_set_switches_effective_from_index" on "rule_set_switches" ("effective_from");`);

    this.addSql(`alter table "rule_set_switches" add constraint "rule_set_switches_scheduled_by_id_foreign" foreign key ("scheduled_by_id") references "users" ("id") on update cascade;`);
    this.addSql(`alter table "rule_set_switches" add constraint "rule_set_switches_cancelled_by_id_foreign" foreign key ("cancelled_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "deadlines" add column "rule_set" varchar(40) not null default 'shuozhou-2022', add column "rule_set_version" int not null default 1;`);

    this.addSql(`alter table "catalog_entries" add column "data_on_platform" boolean not null default false;`);

  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "rule_set_switches" cascade;`);

    this.addSql(`alter table "catalog_entries" drop column "data_on_platform";`);


    this.addSql(`alter table "deadlines" drop column "rule_set", drop column "rule_set_version";`);
  }

}
