import { Migration } from '@mikro-orm/migrations';

export class Migration20261202162115_gateway extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`call_chain_head\` (\`id\` integer not null primary key autoincrement, \`seq\` integer not null, \`last_hash\` text not null);`);

    this.addSql(`create table \`call_records\` (\`id\` integer not null primary key autoincrement, \`seq\` integer not null, \`at\` datetime not null, \`system_id\` integer null, \`client_id\` text null, \`department_id\` integer null, \`entry_id\` integer null, \`grant_id\` integer null, \`dataset_version\` integer null, \`query_fields\` json not null, \`query_hash\` text null, \`fields_returned\` json not null, \`row_count\` integer not null, \`status\` text not null, \`http_status\` integer not null, \`latency_ms\` integer not null, \`response_hash\` text null, \`prev_hash\` text not null, \`hash\` text not null);`);
    this.addSql(`create unique index \`call_records_seq_unique\` on \`call_records\` (\`seq\`);`);
    this.addSql(`create index \`call_records_at_index\` on \`call_records\` (\`at\`);`);
    this.addSql(`create index \`call_records_entry_id_at_index\` on \`call_records\` (\`entry_id\`, \`at\`);`);
    this.addSql(`create index \`call_records_system_id_at_index\` on \`call_records\` (\`system_id\`, \`at\`);`);
    this.addSql(`create index \`call_records_department_id_at_index\` on \`call_records\` (\`department_id\`, \`at\`);`);
    this.addSql(`create index \`call_records_grant_id_at_index\` on \`call_records\` (\`grant_id\`, \`at\`);`);

    this.addSql(`create table \`call_seals\` (\`day\` text not null, \`last_seq\` integer not null, \`last_hash\` text not null, \`count\` integer not null, \`signature\` text not null, \`key_id\` text not null, \`sealed_at\` datetime not null, primary key (\`day\`));`);

    this.addSql(`create table \`grant_limits\` (\`grant_id\` integer not null primary key autoincrement, \`per_minute\` integer not null, \`per_day\` integer not null, \`updated_at\` datetime not null);`);

    this.addSql(`create table \`grant_usage\` (\`access_key\` text not null, \`day\` text not null, \`calls\` integer not null, primary key (\`access_key\`, \`day\`));`);

    this.addSql(`create table \`dataset_versions\` (\`id\` integer not null primary key autoincrement, \`entry_id\` integer not null, \`version\` integer not null, \`status\` text not null, \`format\` text not null, \`encoding\` text null, \`filename\` text null, \`rows\` integer not null, \`bytes\` bigint not null, \`sha256\` text not null, \`columns\` json not null, \`rows_table\` text not null, \`uploaded_at\` datetime not null, \`uploaded_by_id\` integer null, \`uploaded_by_name\` text not null, \`published_at\` datetime null, \`superseded_at\` datetime null, \`readable_until\` datetime null, constraint \`dataset_versions_entry_id_foreign\` foreign key(\`entry_id\`) references \`catalog_entries\`(\`id\`) on update cascade, constraint \`dataset_versions_uploaded_by_id_foreign\` foreign key(\`uploaded_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`dataset_versions_entry_id_index\` on \`dataset_versions\` (\`entry_id\`);`);
    this.addSql(`create index \`dataset_versions_uploaded_by_id_index\` on \`dataset_versions\` (\`uploaded_by_id\`);`);
    this.addSql(`create index \`dataset_versions_entry_id_status_index\` on \`dataset_versions\` (\`entry_id\`, \`status\`);`);
    this.addSql(`create unique index \`dataset_versions_entry_id_version_unique\` on \`dataset_versions\` (\`entry_id\`, \`version\`);`);

    this.addSql(`create table \`app_systems\` (\`id\` integer not null primary key autoincrement, \`department_id\` integer not null, \`name\` text not null, \`description\` text null, \`client_id\` text not null, \`secret_hash\` text not null, \`status\` text not null, \`created_at\` datetime not null, \`created_by_id\` integer null, \`secret_rotated_at\` datetime not null, \`disabled_at\` datetime null, \`last_called_at\` datetime null, constraint \`app_systems_department_id_foreign\` foreign key(\`department_id\`) references \`departments\`(\`id\`) on update cascade, constraint \`app_systems_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`users\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`app_systems_department_id_index\` on \`app_systems\` (\`department_id\`);`);
    this.addSql(`create unique index \`app_systems_client_id_unique\` on \`app_systems\` (\`client_id\`);`);
    this.addSql(`create index \`app_systems_created_by_id_index\` on \`app_systems\` (\`created_by_id\`);`);
    this.addSql(`create index \`app_systems_department_id_status_index\` on \`app_systems\` (\`department_id\`, \`status\`);`);

    // 调用记录 are evidence (第十六条(四)): append-only in the database itself
    this.addSql(`create trigger \`call_records_no_update\` before update on \`call_records\` begin select raise(abort, 'call_records are append-only (调用记录只能追加，不能修改)'); end;`);
    this.addSql(`create trigger \`call_records_no_delete\` before delete on \`call_records\` begin select raise(abort, 'call_records are append-only (调用记录只能追加，不能删除)'); end;`);
    this.addSql(`create trigger \`call_seals_no_update\` before update on \`call_seals\` begin select raise(abort, 'call_seals are append-only'); end;`);
    this.addSql(`create trigger \`call_seals_no_delete\` before delete on \`call_seals\` begin select raise(abort, 'call_seals are append-only'); end;`);
  }

}
