import { Migration } from '@mikro-orm/migrations';

/**
 * The call records' `at` index also carries what the assessment's facts and the call statistics filter and group by —
 * status, the calling department, the entry and the client (issue 19, finding 5): a year's answered calls are then
 * counted from the index alone (SQLite; PostgreSQL once the visibility map is set, which autovacuum keeps for an
 * append-only table), instead of fetching every record of the year. It replaces the narrow `at` index, so the
 * gateway's insert still updates the same number of indexes.
 */
export class Migration20261204123000_call_records_at_covering extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index if exists `call_records_at_index`;');
    this.addSql('create index `call_records_at_covering_index` on `call_records` (`at`, `status`, `department_id`, `entry_id`, `client_id`);');
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists `call_records_at_covering_index`;');
    this.addSql('create index `call_records_at_index` on `call_records` (`at`);');
  }
}
