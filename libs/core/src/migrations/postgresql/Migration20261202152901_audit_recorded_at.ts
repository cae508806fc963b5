import { Migration } from '@mikro-orm/migrations';

export class Migration20261202152901_audit_recorded_at extends Migration {

  override async up(): Promise<void> {
    // rows written before this migration: their recording time is unknown, the business time is the best estimate
    this.addSql(`alter table "audit_events" add column "recorded_at" timestamptz null;`);
    this.addSql(`update "audit_events" set "recorded_at" = "at";`);
    this.addSql(`alter table "audit_events" alter column "recorded_at" set not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit_events" drop column "recorded_at";`);
  }

}
