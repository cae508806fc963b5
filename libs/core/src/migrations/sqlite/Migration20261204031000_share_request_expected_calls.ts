import { Migration } from '@mikro-orm/migrations';

/** 预计日均调用次数 on share requests: the daily use the requester declares (the (七) volume detector compares with it). */
export class Migration20261204031000_share_request_expected_calls extends Migration {
  override async up(): Promise<void> {
    this.addSql("alter table `share_requests` add column `expected_daily_calls` integer null;");
  }

  override async down(): Promise<void> {
    this.addSql("alter table `share_requests` drop column `expected_daily_calls`;");
  }
}
