import { Migration } from '@mikro-orm/migrations';

/**
 * The catalog list's text search uses the engine's own index (issue 19, finding 2): an FTS5 table with the trigram
 * tokenizer over `catalog_search` (external content, kept current by triggers), so a word of three or more characters
 * is found through the index instead of by reading every row. Shorter words are still matched by `instr`.
 */
export class Migration20261202194500_catalog_search_engines extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create virtual table catalog_search_fts using fts5(text, content='catalog_search', content_rowid='entry_id', tokenize='trigram');`);
    this.addSql(`insert into catalog_search_fts (rowid, text) select entry_id, text from catalog_search;`);
    this.addSql(`create trigger catalog_search_fts_insert after insert on catalog_search begin insert into catalog_search_fts (rowid, text) values (new.entry_id, new.text); end;`);
    this.addSql(`create trigger catalog_search_fts_delete after delete on catalog_search begin insert into catalog_search_fts (catalog_search_fts, rowid, text) values ('delete', old.entry_id, old.text); end;`);
    this.addSql(
      `create trigger catalog_search_fts_update after update on catalog_search begin insert into catalog_search_fts (catalog_search_fts, rowid, text) values ('delete', old.entry_id, old.text); insert into catalog_search_fts (rowid, text) values (new.entry_id, new.text); end;`,
    );
  }

  override async down(): Promise<void> {
    for (const t of ['insert', 'delete', 'update']) this.addSql(`drop trigger if exists catalog_search_fts_${t};`);
    this.addSql('drop table if exists catalog_search_fts;');
  }
}
