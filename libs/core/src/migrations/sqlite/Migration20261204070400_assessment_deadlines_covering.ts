import { Migration } from '@mikro-orm/migrations';

/**
 * The year's deadline facts from the index alone (issue 19, finding 4): (due_date, kind, state) gave way to a
 * covering (due_date, kind, state, department_id, due_at). On the provincial data set a year is a fifth of the clocks,
 * and PostgreSQL preferred scanning every year's rows to visiting a fifth of them through the narrower index.
 */
export class Migration20261204070400_assessment_deadlines_covering extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index if exists `deadlines_due_date_kind_state_index`;');
    this.addSql('create index `deadlines_due_date_kind_state_department_id_due_at_index` on `deadlines` (`due_date`, `kind`, `state`, `department_id`, `due_at`);');
  }

  override async down(): Promise<void> {
    this.addSql('drop index `deadlines_due_date_kind_state_department_id_due_at_index`;');
    this.addSql('create index `deadlines_due_date_kind_state_index` on `deadlines` (`due_date`, `kind`, `state`);');
  }
}
