import { Migration } from '@mikro-orm/migrations';

export class Migration20261127012014_assessment extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`assessment_schemes\` (\`year\` integer not null, \`scheme\` json not null, \`updated_at\` datetime not null, \`updated_by_id\` integer null, constraint \`assessment_schemes_updated_by_id_foreign\` foreign key(\`updated_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, primary key (\`year\`));`);
    this.addSql(`create index \`assessment_schemes_updated_by_id_index\` on \`assessment_schemes\` (\`updated_by_id\`);`);

    this.addSql(`create table \`assessment_revisions\` (\`id\` integer not null primary key autoincrement, \`year\` integer not null, \`number\` integer not null, \`status\` text not null, \`reason\` text null, \`as_of\` text not null, \`computed_at\` datetime not null, \`computed_by_id\` integer null, \`published_at\` datetime null, \`published_by_id\` integer null, \`scheme\` json not null, \`department_count\` integer not null, constraint \`assessment_revisions_computed_by_id_foreign\` foreign key(\`computed_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade, constraint \`assessment_revisions_published_by_id_foreign\` foreign key(\`published_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`assessment_revisions_computed_by_id_index\` on \`assessment_revisions\` (\`computed_by_id\`);`);
    this.addSql(`create index \`assessment_revisions_published_by_id_index\` on \`assessment_revisions\` (\`published_by_id\`);`);
    this.addSql(`create index \`assessment_revisions_year_status_index\` on \`assessment_revisions\` (\`year\`, \`status\`);`);
    this.addSql(`create unique index \`assessment_revisions_year_number_unique\` on \`assessment_revisions\` (\`year\`, \`number\`);`);

    this.addSql(`create table \`assessment_results\` (\`id\` integer not null primary key autoincrement, \`revision_id\` integer not null, \`department_id\` integer not null, \`total\` double not null, \`grade\` text not null, \`rank\` integer not null, \`previous_total\` double null, \`change\` double null, \`measured_weight\` double not null, \`indicators\` json not null, \`categories\` json not null, \`facts\` json not null, \`suspended\` integer not null, \`suspension_reasons\` json not null, constraint \`assessment_results_revision_id_foreign\` foreign key(\`revision_id\`) references \`assessment_revisions\`(\`id\`) on delete cascade on update cascade, constraint \`assessment_results_department_id_foreign\` foreign key(\`department_id\`) references \`departments\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`assessment_results_revision_id_index\` on \`assessment_results\` (\`revision_id\`);`);
    this.addSql(`create index \`assessment_results_department_id_index\` on \`assessment_results\` (\`department_id\`);`);
    this.addSql(`create unique index \`assessment_results_revision_id_department_id_unique\` on \`assessment_results\` (\`revision_id\`, \`department_id\`);`);

    this.addSql(`create table \`assessment_computations\` (\`id\` integer not null primary key autoincrement, \`year\` integer not null, \`active_year\` integer null, \`phase\` text not null, \`done\` integer not null, \`total\` integer not null, \`reason\` text null, \`started_at\` datetime not null, \`heartbeat_at\` datetime not null, \`finished_at\` datetime null, \`started_by_id\` integer null, \`revision\` integer null, \`error\` text null, constraint \`assessment_computations_started_by_id_foreign\` foreign key(\`started_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create unique index \`assessment_computations_active_year_unique\` on \`assessment_computations\` (\`active_year\`);`);
    this.addSql(`create index \`assessment_computations_started_by_id_index\` on \`assessment_computations\` (\`started_by_id\`);`);
    this.addSql(`create index \`assessment_computations_year_started_at_index\` on \`assessment_computations\` (\`year\`, \`started_at\`);`);
    // hand-added: published results are immutable (第三十条) — a database guard behind the service's own checks
    this.addSql(`create trigger \`assessment_results_immutable_update\` before update on \`assessment_results\` when (select \`status\` from \`assessment_revisions\` where \`id\` = old.\`revision_id\`) in ('published', 'superseded') begin select raise(abort, '已公布的考核结果不可修改或删除（第三十条）：如需更正，请重新计算生成新的修订'); end;`);
    this.addSql(`create trigger \`assessment_results_immutable_delete\` before delete on \`assessment_results\` when (select \`status\` from \`assessment_revisions\` where \`id\` = old.\`revision_id\`) in ('published', 'superseded') begin select raise(abort, '已公布的考核结果不可修改或删除（第三十条）：如需更正，请重新计算生成新的修订'); end;`);
    this.addSql(`create trigger \`assessment_revisions_immutable_update\` before update on \`assessment_revisions\` when old.\`status\` = 'superseded' or (old.\`status\` = 'published' and (new.\`status\` <> 'superseded' or new.\`year\` <> old.\`year\` or new.\`number\` <> old.\`number\` or new.\`reason\` is not old.\`reason\` or new.\`as_of\` <> old.\`as_of\` or new.\`computed_at\` <> old.\`computed_at\` or new.\`published_at\` is not old.\`published_at\` or new.\`scheme\` <> old.\`scheme\` or new.\`department_count\` <> old.\`department_count\`)) begin select raise(abort, '已公布的考核结果不可修改或删除（第三十条）：如需更正，请重新计算生成新的修订'); end;`);
    this.addSql(`create trigger \`assessment_revisions_immutable_delete\` before delete on \`assessment_revisions\` when old.\`status\` <> 'draft' begin select raise(abort, '已公布的考核结果不可修改或删除（第三十条）：如需更正，请重新计算生成新的修订'); end;`);
  }

}
