import { Migration } from '@mikro-orm/migrations';

/**
 * A release's entries numbered in code order (position) and per provider (provider_position), fixed when the release
 * is made: a page of the release's list is a range of an index at any depth, instead of a count of the release and an
 * OFFSET (issue 19, finding 1). The releases already made are numbered here. The (release_id, code) index stays for
 * replicas of the previous line during an upgrade; such a replica cannot make a release (its rows have no numbers).
 */
export class Migration20261204125000_catalog_release_positions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "catalog_release_entries" add column "position" int null, add column "provider_position" int null;`);
    this.addSql(
      `update "catalog_release_entries" as t set "position" = r.n, "provider_position" = r.pn from (select "id", row_number() over (partition by "release_id" order by "code", "id") as n, row_number() over (partition by "release_id", "provider_id" order by "code", "id") as pn from "catalog_release_entries") as r where r."id" = t."id";`,
    );
    this.addSql(`alter table "catalog_release_entries" alter column "position" set not null, alter column "provider_position" set not null;`);
    this.addSql(`alter table "catalog_release_entries" add constraint "catalog_release_entries_position_unique" unique ("release_id", "position");`);
    this.addSql(`alter table "catalog_release_entries" add constraint "catalog_release_entries_provider_position_unique" unique ("release_id", "provider_id", "provider_position");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "catalog_release_entries" drop constraint if exists "catalog_release_entries_provider_position_unique";`);
    this.addSql(`alter table "catalog_release_entries" drop constraint if exists "catalog_release_entries_position_unique";`);
    this.addSql(`alter table "catalog_release_entries" drop column "provider_position", drop column "position";`);
  }
}
