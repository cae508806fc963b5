import { Migration } from '@mikro-orm/migrations';

export class Migration20261202164719_share_requests_one_open extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create unique index share_requests_one_open_per_entry on share_requests (requester_id, entry_id) where status in ('submitted', 'returned', 'provider_review', 'negotiating', 'coordinating');`);
  }

}
