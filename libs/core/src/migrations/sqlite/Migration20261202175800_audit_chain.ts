import { Migration } from '@mikro-orm/migrations';
import { chainExistingAuditRows } from '../../audit/backfill';

export class Migration20261202175800_audit_chain extends Migration {

  override async up(): Promise<void> {
    // the audit trail becomes a hash chain (audit/chain.ts): SQLite adds no NOT NULL column without a default, so the
    // table is rebuilt, and the rows written so far are linked in id order
    await this.execute(`create table \`audit_events__chain\` (\`id\` integer not null primary key autoincrement, \`actor_id\` integer null, \`actor_name\` text not null, \`on_behalf_of_department_id\` integer null, \`action\` text not null, \`subject_type\` text not null, \`subject_id\` text not null, \`before\` json null, \`after\` json null, \`ip\` text null, \`at\` datetime not null, \`recorded_at\` datetime not null, \`seq\` integer not null, \`prev_hash\` text not null, \`hash\` text not null, constraint \`audit_events_actor_id_foreign\` foreign key(\`actor_id\`) references \`users\`(\`id\`) on delete set null on update cascade);`);
    const rows = (await this.execute('select * from `audit_events` order by `id`')) as Record<string, unknown>[];
    const { links, head } = chainExistingAuditRows(rows);
    const byId = new Map(links.map((l) => [l.id, l]));
    const columns = ['id', 'actor_id', 'actor_name', 'on_behalf_of_department_id', 'action', 'subject_type', 'subject_id', 'before', 'after', 'ip', 'at', 'recorded_at'];
    for (let i = 0; i < rows.length; i += 50) {
      const part = rows.slice(i, i + 50);
      const values = part.map(() => `(${Array.from({ length: columns.length + 3 }, () => '?').join(', ')})`).join(', ');
      const params = part.flatMap((r) => {
        const link = byId.get(Number(r.id)) as { seq: number; prevHash: string; hash: string };
        return [...columns.map((c) => r[c] ?? null), link.seq, link.prevHash, link.hash];
      });
      await this.execute(`insert into \`audit_events__chain\` (${[...columns, 'seq', 'prev_hash', 'hash'].map((c) => `\`${c}\``).join(', ')}) values ${values}`, params);
    }
    await this.execute('drop table `audit_events`;');
    await this.execute('alter table `audit_events__chain` rename to `audit_events`;');
    await this.execute('create index `audit_events_actor_id_index` on `audit_events` (`actor_id`);');
    await this.execute('create index `audit_events_subject_type_subject_id_index` on `audit_events` (`subject_type`, `subject_id`);');
    await this.execute('create index `audit_events_at_index` on `audit_events` (`at`);');
    await this.execute('create unique index `audit_events_seq_unique` on `audit_events` (`seq`);');

    await this.execute('create table `chain_heads` (`name` text not null, `seq` integer not null, `last_hash` text not null, primary key (`name`));');
    await this.execute('insert into `chain_heads` (`name`, `seq`, `last_hash`) values (?, ?, ?)', ['audit', head.seq, head.hash]);

    await this.execute('create table `audit_seals` (`id` integer not null primary key autoincrement, `chain` text not null, `day` text not null, `last_seq` integer not null, `last_hash` text not null, `algorithm` text not null, `key_id` text not null, `public_key` text not null, `signature` text not null, `sealed_at` datetime not null);');
    await this.execute('create unique index `audit_seals_chain_day_unique` on `audit_seals` (`chain`, `day`);');

    // append-only: the database itself refuses to change or remove an audit row or a seal
    for (const table of ['audit_events', 'audit_seals']) {
      await this.execute(`create trigger \`${table}_no_update\` before update on \`${table}\` begin select raise(abort, '${table} is append-only: UPDATE refused'); end;`);
      await this.execute(`create trigger \`${table}_no_delete\` before delete on \`${table}\` begin select raise(abort, '${table} is append-only: DELETE refused'); end;`);
    }
  }

}
