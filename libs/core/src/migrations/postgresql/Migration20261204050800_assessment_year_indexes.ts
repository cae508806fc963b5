import { Migration } from '@mikro-orm/migrations';

/**
 * The assessment reads one year (issue 19, finding 4): the year's clocks by (due_date, kind, state) and the year's
 * provider-reply decisions by (kind, decision, decided_at), so scoring a year does not read the earlier ones.
 */
export class Migration20261204050800_assessment_year_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "deadlines_due_date_kind_state_index" on "deadlines" ("due_date", "kind", "state");`);
    this.addSql(`create index "share_request_steps_kind_decision_decided_at_index" on "share_request_steps" ("kind", "decision", "decided_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "share_request_steps_kind_decision_decided_at_index";`);
    this.addSql(`drop index "deadlines_due_date_kind_state_index";`);
  }
}
