import { Migration } from '@mikro-orm/migrations';

export class Migration20261203172104_upper_data extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`upper_resources\` (\`id\` integer not null primary key autoincrement, \`code\` text not null, \`name\` text not null, \`holder\` text not null, \`level\` text not null, \`system\` text not null, \`items\` json not null, \`how_to_apply\` text not null, \`note\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`);
    this.addSql(`create unique index \`upper_resources_code_unique\` on \`upper_resources\` (\`code\`);`);
    this.addSql(`create index \`upper_resources_level_index\` on \`upper_resources\` (\`level\`);`);

    this.addSql(`create table \`upper_applications\` (\`id\` integer not null primary key autoincrement, \`resource_id\` integer not null, \`status\` text not null, \`created_at\` datetime not null, \`created_by_name\` text not null, \`items\` json not null, \`submitted_on\` text null, \`submitted_at\` datetime null, \`submitted_by_name\` text null, \`platform_ref\` text null, \`submit_note\` text null, \`decision\` text null, \`reference_no\` text null, \`reply_date\` text null, \`conditions\` text null, \`approved_items\` json null, \`replied_at\` datetime null, \`replied_by_name\` text null, \`passed_back_at\` datetime null, \`passed_back_by_name\` text null, \`pass_back_note\` text null, constraint \`upper_applications_resource_id_foreign\` foreign key(\`resource_id\`) references \`upper_resources\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`upper_applications_resource_id_index\` on \`upper_applications\` (\`resource_id\`);`);
    this.addSql(`create index \`upper_applications_resource_id_status_index\` on \`upper_applications\` (\`resource_id\`, \`status\`);`);
    this.addSql(`create index \`upper_applications_status_created_at_index\` on \`upper_applications\` (\`status\`, \`created_at\`);`);

    this.addSql(`create table \`upper_needs\` (\`id\` integer not null primary key autoincrement, \`resource_id\` integer not null, \`department_id\` integer not null, \`requested_by_id\` integer not null, \`requested_by_name\` text not null, \`purpose\` text not null, \`scenario\` text not null, \`items\` json not null, \`legal_basis\` text not null, \`contact_name\` text not null, \`contact_phone\` text not null, \`status\` text not null, \`received_at\` datetime not null, \`due_at\` datetime not null, \`due_date\` text not null, \`application_id\` integer null, \`outcome\` text null, \`outcome_items\` json null, \`outcome_note\` text null, \`passed_back_at\` datetime null, \`withdrawn_at\` datetime null, constraint \`upper_needs_resource_id_foreign\` foreign key(\`resource_id\`) references \`upper_resources\`(\`id\`) on update cascade, constraint \`upper_needs_department_id_foreign\` foreign key(\`department_id\`) references \`departments\`(\`id\`) on update cascade, constraint \`upper_needs_requested_by_id_foreign\` foreign key(\`requested_by_id\`) references \`users\`(\`id\`) on update cascade, constraint \`upper_needs_application_id_foreign\` foreign key(\`application_id\`) references \`upper_applications\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`upper_needs_resource_id_index\` on \`upper_needs\` (\`resource_id\`);`);
    this.addSql(`create index \`upper_needs_department_id_index\` on \`upper_needs\` (\`department_id\`);`);
    this.addSql(`create index \`upper_needs_requested_by_id_index\` on \`upper_needs\` (\`requested_by_id\`);`);
    this.addSql(`create index \`upper_needs_resource_id_status_index\` on \`upper_needs\` (\`resource_id\`, \`status\`);`);
    this.addSql(`create index \`upper_needs_department_id_status_index\` on \`upper_needs\` (\`department_id\`, \`status\`);`);
    this.addSql(`create index \`upper_needs_application_id_index\` on \`upper_needs\` (\`application_id\`);`);
    this.addSql(`create index \`upper_needs_received_at_index\` on \`upper_needs\` (\`received_at\`);`);
  }

}
