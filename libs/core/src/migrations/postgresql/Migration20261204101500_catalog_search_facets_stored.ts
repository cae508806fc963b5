import { Migration } from '@mikro-orm/migrations';

/**
 * The catalog search's facet codes are stored in `catalog_entries.search_grams` with the text's n-grams, and the GIN
 * index is on the column itself (Migration20261204090000_catalog_search_grams indexed the expression
 * `search_grams || catalog_entry_facets(…)`). Wherever PostgreSQL tests the condition on a row rather than in the
 * index — a scan that stops at the count bound, a lossy bitmap page — the expression built a new array for every row:
 * ≈ 5 µs a row, 50–200 ms for a search with many matches at provincial size; the stored array is tested in ≈ 1 µs.
 *
 * A trigger before every insert, and every update of a facet column or of the grams, replaces the facet codes (those
 * starting with U+D800: 1,476,395,008 … 1,476,460,543) with the row's current ones — so the catalog_search trigger,
 * which writes the text's grams, needs no change. The existing rows are rewritten once (as in the previous migration:
 * ALTER … TYPE … USING a function); run `VACUUM (ANALYZE) catalog_entries` afterwards on a large catalog.
 */
export class Migration20261204101500_catalog_search_facets_stored extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function catalog_entry_search_grams(grams int[], status text, share_type text, open_type text, security_grade text, update_cycle text, resource_type text) returns int[] language sql immutable parallel safe as $$
  select array(select g from unnest(grams) as g where g < 1476395008 or g > 1476460543) || catalog_entry_facets(status, share_type, open_type, security_grade, update_cycle, resource_type)
$$;`);
    this.addSql('drop index if exists "catalog_entries_search_gin";');
    this.addSql('alter table "catalog_entries" alter column "search_grams" type int[] using catalog_entry_search_grams("search_grams", "status", "share_type", "open_type", "security_grade", "update_cycle", "resource_type");');
    this.addSql(`create function catalog_entries_search_grams_facets() returns trigger language plpgsql as $$
begin
  new.search_grams := catalog_entry_search_grams(new.search_grams, new.status, new.share_type, new.open_type, new.security_grade, new.update_cycle, new.resource_type);
  return new;
end
$$;`);
    this.addSql('create trigger catalog_entries_search_grams_insert before insert on "catalog_entries" for each row execute function catalog_entries_search_grams_facets();');
    this.addSql('create trigger catalog_entries_search_grams_update before update of "search_grams", "status", "share_type", "open_type", "security_grade", "update_cycle", "resource_type" on "catalog_entries" for each row execute function catalog_entries_search_grams_facets();');
    this.addSql('create index "catalog_entries_search_gin" on "catalog_entries" using gin ("search_grams");');
    this.addSql('analyze "catalog_entries";');
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists catalog_entries_search_grams_insert on "catalog_entries";');
    this.addSql('drop trigger if exists catalog_entries_search_grams_update on "catalog_entries";');
    this.addSql('drop function if exists catalog_entries_search_grams_facets();');
    this.addSql('drop index if exists "catalog_entries_search_gin";');
    this.addSql('update "catalog_entries" set "search_grams" = array(select g from unnest("search_grams") as g where g < 1476395008 or g > 1476460543);');
    this.addSql('drop function if exists catalog_entry_search_grams(int[], text, text, text, text, text, text);');
    this.addSql('create index "catalog_entries_search_gin" on "catalog_entries" using gin (("search_grams" || catalog_entry_facets("status", "share_type", "open_type", "security_grade", "update_cycle", "resource_type")));');
  }
}
