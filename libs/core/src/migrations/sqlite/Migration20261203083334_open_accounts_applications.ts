import { Migration } from '@mikro-orm/migrations';

export class Migration20261203083334_open_accounts_applications extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`public_users\` (\`id\` integer not null primary key autoincrement, \`kind\` text not null, \`identifier\` text not null, \`identifier_type\` text not null, \`password_hash\` text not null, \`display_name\` text not null, \`organisation_name\` text null, \`credit_code\` text null, \`agreement_version\` text not null, \`agreement_accepted_at\` datetime not null, \`disabled\` integer not null default false, \`created_at\` datetime not null, \`last_login_at\` datetime null);`);
    this.addSql(`create unique index \`public_users_identifier_unique\` on \`public_users\` (\`identifier\`);`);

    this.addSql(`create table \`public_sessions\` (\`id\` integer not null primary key autoincrement, \`token_hash\` text not null, \`user_id\` integer not null, \`created_at\` datetime not null, \`last_seen_at\` datetime not null, \`expires_at\` datetime not null, \`revoked_at\` datetime null, \`ip\` text null, \`user_agent\` text null, constraint \`public_sessions_user_id_foreign\` foreign key(\`user_id\`) references \`public_users\`(\`id\`) on update cascade);`);
    this.addSql(`create unique index \`public_sessions_token_hash_unique\` on \`public_sessions\` (\`token_hash\`);`);
    this.addSql(`create index \`public_sessions_user_id_index\` on \`public_sessions\` (\`user_id\`);`);
    this.addSql(`create index \`public_sessions_expires_at_index\` on \`public_sessions\` (\`expires_at\`);`);

    this.addSql(`create table \`public_api_keys\` (\`id\` integer not null primary key autoincrement, \`user_id\` integer not null, \`name\` text not null, \`prefix\` text not null, \`key_hash\` text not null, \`created_at\` datetime not null, \`last_used_at\` datetime null, \`revoked_at\` datetime null, constraint \`public_api_keys_user_id_foreign\` foreign key(\`user_id\`) references \`public_users\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`public_api_keys_user_id_index\` on \`public_api_keys\` (\`user_id\`);`);
    this.addSql(`create unique index \`public_api_keys_prefix_unique\` on \`public_api_keys\` (\`prefix\`);`);
    this.addSql(`create unique index \`public_api_keys_key_hash_unique\` on \`public_api_keys\` (\`key_hash\`);`);

    this.addSql(`create table \`open_applications\` (\`id\` integer not null primary key autoincrement, \`applicant_id\` integer not null, \`dataset_id\` integer not null, \`entry_id\` integer not null, \`provider_id\` integer not null, \`purpose\` text not null, \`scenario\` text not null, \`fields\` json not null, \`period_from\` text not null, \`period_to\` text not null, \`commitments\` text not null, \`status\` text not null, \`submitted_at\` datetime not null, \`answered_at\` datetime null, \`answered_by_id\` integer null, \`conditions\` text null, \`valid_until\` text null, \`refusal_reasons\` text null, \`refusal_basis\` text null, constraint \`open_applications_applicant_id_foreign\` foreign key(\`applicant_id\`) references \`public_users\`(\`id\`) on update cascade, constraint \`open_applications_dataset_id_foreign\` foreign key(\`dataset_id\`) references \`open_datasets\`(\`id\`) on update cascade, constraint \`open_applications_entry_id_foreign\` foreign key(\`entry_id\`) references \`catalog_entries\`(\`id\`) on update cascade, constraint \`open_applications_provider_id_foreign\` foreign key(\`provider_id\`) references \`departments\`(\`id\`) on update cascade, constraint \`open_applications_answered_by_id_foreign\` foreign key(\`answered_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`open_applications_applicant_id_index\` on \`open_applications\` (\`applicant_id\`);`);
    this.addSql(`create index \`open_applications_dataset_id_index\` on \`open_applications\` (\`dataset_id\`);`);
    this.addSql(`create index \`open_applications_entry_id_index\` on \`open_applications\` (\`entry_id\`);`);
    this.addSql(`create index \`open_applications_provider_id_index\` on \`open_applications\` (\`provider_id\`);`);
    this.addSql(`create index \`open_applications_answered_by_id_index\` on \`open_applications\` (\`answered_by_id\`);`);
    this.addSql(`create index \`open_applications_provider_id_status_index\` on \`open_applications\` (\`provider_id\`, \`status\`);`);
    this.addSql(`create index \`open_applications_applicant_id_submitted_at_index\` on \`open_applications\` (\`applicant_id\`, \`submitted_at\`);`);
    this.addSql(`create index \`open_applications_dataset_id_applicant_id_status_index\` on \`open_applications\` (\`dataset_id\`, \`applicant_id\`, \`status\`);`);
  }

}
