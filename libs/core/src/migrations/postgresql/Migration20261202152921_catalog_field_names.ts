import { Migration } from '@mikro-orm/migrations';

export class Migration20261202152921_catalog_field_names extends Migration {

  override async up(): Promise<void> {
    // existing items get item_<position>, unique among an entry's live items; providers rename them in the editor
    this.addSql(`alter table "catalog_items" add column "field_name" varchar(63) not null default '', add column "query_key" boolean not null default false;`);
    this.addSql(`update "catalog_items" set "field_name" = 'item_' || "position", "query_key" = "primary_key";`);
    this.addSql(`alter table "catalog_items" alter column "field_name" drop default;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "catalog_items" drop column "field_name", drop column "query_key";`);
  }

}
