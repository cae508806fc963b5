import { Migration } from '@mikro-orm/migrations';

/**
 * The catalog list's text search at provincial size (issue 19, finding 2): a CJK-aware n-gram index on the entries
 * themselves, with the list's usual filters in it. A trigram index cannot serve a word of one or two characters — in
 * Chinese the most common searches (登记, 许可) — and every match it finds must be read again for the `like`.
 *
 * `catalog_entries.search_grams` holds the distinct characters and pairs of adjacent characters of the entry's
 * search text (`catalog_search.text`: code, name, summary, item names, lower-cased), split at spaces, tabs and line
 * breaks, each as one integer: code point × 65,536 + the next code point (0 for a single character) − 2³¹, code points
 * above U+FFFE counted as U+FFFF (libs/catalog/src/search-grams.ts does the same for a query). About 150 integers
 * an entry. `catalog_search_grams(text)` computes it; a trigger on `catalog_search` keeps the column current wherever
 * the search text is written (the platform, imports, seeds, fixtures); the existing rows are backfilled here.
 *
 * The GIN index is on the grams and the entry's facets — `catalog_entry_facets(…)`, one code each for status, share
 * type, open type, security grade, update cycle and resource type, starting with U+D800 (a surrogate, in no text) — so
 * a word of one or two characters with the list's usual filters is one exact index lookup, and a longer word's
 * candidates (all its pairs) are read again only among the filtered ones. The index follows every change of an
 * entry's facets by itself (an expression index).
 *
 * SQLite keeps its FTS5 trigram table (Migration20261202194500) and reads the narrow search table for short words.
 * After migrating a large catalog run `VACUUM (ANALYZE) catalog_entries`: the backfill rewrites the table, which
 * leaves its visibility map empty (index-only scans read the table again) until a vacuum.
 */
export class Migration20261204090000_catalog_search_grams extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function catalog_search_grams(t text) returns int[] language sql immutable strict parallel safe as $$
  select coalesce(array_agg(distinct (g.code - 2147483648)::int), '{}')
  from regexp_split_to_table(t, '[' || chr(32) || chr(9) || chr(10) || chr(13) || ']+') as w(w)
  cross join lateral unnest(string_to_array(w.w, null), string_to_array(substr(w.w, 2), null)) as z(a, b)
  cross join lateral (values (least(ascii(z.a), 65535)::bigint * 65536), (least(ascii(z.a), 65535)::bigint * 65536 + nullif(least(coalesce(ascii(z.b), 0), 65535), 0))) as g(code)
  where g.code is not null
$$;`);
    this.addSql(`create function catalog_entry_facets(status text, share_type text, open_type text, security_grade text, update_cycle text, resource_type text) returns int[] language sql immutable parallel safe as $$
  select array_remove(array[case status when 'draft' then 1476395009 when 'published' then 1476395010 when 'retiring' then 1476395011 when 'retired' then 1476395012 end, case share_type when 'unconditional' then 1476395025 when 'conditional' then 1476395026 when 'none' then 1476395027 end, case open_type when 'open' then 1476395041 when 'on_application' then 1476395042 when 'closed' then 1476395043 end, case security_grade when 'core' then 1476395057 when 'important' then 1476395058 when 'general' then 1476395059 end, case update_cycle when 'realtime' then 1476395073 when 'daily' then 1476395074 when 'weekly' then 1476395075 when 'monthly' then 1476395076 when 'quarterly' then 1476395077 when 'semiannual' then 1476395078 when 'annual' then 1476395079 when 'irregular' then 1476395080 end, case resource_type when 'base' then 1476395089 when 'thematic' then 1476395090 when 'department' then 1476395091 end], null)
$$;`);
    // the backfill rewrites the table once (ALTER … TYPE … USING, which may call a function that reads the search
    // table) rather than UPDATE every row: an UPDATE would leave the table and its ten indexes twice their size until
    // a VACUUM FULL (the provincial catalog: 500 MB of dead rows)
    this.addSql('alter table "catalog_entries" add column "search_grams" int[] null;');
    this.addSql('create function catalog_search_grams_backfill(entry int) returns int[] language sql stable as $$ select catalog_search_grams(s.text) from catalog_search s where s.entry_id = entry $$;');
    this.addSql('alter table "catalog_entries" alter column "search_grams" type int[] using catalog_search_grams_backfill("id");');
    this.addSql('drop function catalog_search_grams_backfill(int);');
    this.addSql(`create function catalog_search_grams_sync() returns trigger language plpgsql as $$
begin
  update catalog_entries set search_grams = catalog_search_grams(new.text) where id = new.entry_id;
  return null;
end
$$;`);
    this.addSql('create trigger catalog_search_grams_insert after insert on "catalog_search" for each row execute function catalog_search_grams_sync();');
    this.addSql('create trigger catalog_search_grams_update after update of "text" on "catalog_search" for each row when (old."text" is distinct from new."text") execute function catalog_search_grams_sync();');
    this.addSql('create index "catalog_entries_search_gin" on "catalog_entries" using gin (("search_grams" || catalog_entry_facets("status", "share_type", "open_type", "security_grade", "update_cycle", "resource_type")));');
    this.addSql('analyze "catalog_entries";');
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists catalog_search_grams_insert on "catalog_search";');
    this.addSql('drop trigger if exists catalog_search_grams_update on "catalog_search";');
    this.addSql('drop function if exists catalog_search_grams_sync();');
    this.addSql('drop index if exists "catalog_entries_search_gin";');
    this.addSql('alter table "catalog_entries" drop column if exists "search_grams";');
    this.addSql('drop function if exists catalog_entry_facets(text, text, text, text, text, text);');
    this.addSql('drop function if exists catalog_search_grams(text);');
  }
}
