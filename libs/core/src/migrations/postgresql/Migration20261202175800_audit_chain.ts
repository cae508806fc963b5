import { Migration } from '@mikro-orm/migrations';
import { chainExistingAuditRows } from '../../audit/backfill';

export class Migration20261202175800_audit_chain extends Migration {

  override async up(): Promise<void> {
    // the audit trail becomes a hash chain (audit/chain.ts); the rows written so far are linked in id order
    await this.execute(`alter table "audit_events" add column "seq" int null, add column "prev_hash" varchar(64) null, add column "hash" varchar(64) null;`);
    const rows = (await this.execute('select * from "audit_events" order by "id"')) as Record<string, unknown>[];
    const { links, head } = chainExistingAuditRows(rows);
    for (let i = 0; i < links.length; i += 500) {
      const part = links.slice(i, i + 500);
      const values = part.map(() => '(?::int, ?::int, ?, ?)').join(', ');
      await this.execute(
        `update "audit_events" as a set "seq" = v.seq, "prev_hash" = v.prev_hash, "hash" = v.hash from (values ${values}) as v(id, seq, prev_hash, hash) where a.id = v.id`,
        part.flatMap((l) => [l.id, l.seq, l.prevHash, l.hash]),
      );
    }
    await this.execute(`alter table "audit_events" alter column "seq" set not null, alter column "prev_hash" set not null, alter column "hash" set not null;`);
    await this.execute(`alter table "audit_events" add constraint "audit_events_seq_unique" unique ("seq");`);

    await this.execute(`create table "chain_heads" ("name" varchar(40) not null, "seq" int not null, "last_hash" varchar(64) not null, constraint "chain_heads_pkey" primary key ("name"));`);
    await this.execute(`insert into "chain_heads" ("name", "seq", "last_hash") values (?, ?, ?)`, ['audit', head.seq, head.hash]);

    await this.execute(`create table "audit_seals" ("id" serial primary key, "chain" varchar(40) not null, "day" varchar(10) not null, "last_seq" int not null, "last_hash" varchar(64) not null, "algorithm" varchar(20) not null, "key_id" varchar(64) not null, "public_key" text not null, "signature" text not null, "sealed_at" timestamptz not null);`);
    await this.execute(`alter table "audit_seals" add constraint "audit_seals_chain_day_unique" unique ("chain", "day");`);

    // append-only: the database itself refuses to change, remove or truncate an audit row or a seal
    await this.execute(`create or replace function govdata_append_only() returns trigger language plpgsql as $$ begin raise exception '% is append-only: % refused', TG_TABLE_NAME, TG_OP; end $$;`);
    for (const table of ['audit_events', 'audit_seals']) {
      await this.execute(`create trigger "${table}_append_only" before update or delete on "${table}" for each row execute function govdata_append_only();`);
      await this.execute(`create trigger "${table}_no_truncate" before truncate on "${table}" for each statement execute function govdata_append_only();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['audit_events', 'audit_seals']) {
      this.addSql(`drop trigger if exists "${table}_append_only" on "${table}";`);
      this.addSql(`drop trigger if exists "${table}_no_truncate" on "${table}";`);
    }
    this.addSql(`drop function if exists govdata_append_only();`);
    this.addSql(`drop table if exists "audit_seals" cascade;`);
    this.addSql(`drop table if exists "chain_heads" cascade;`);
    this.addSql(`alter table "audit_events" drop constraint "audit_events_seq_unique";`);
    this.addSql(`alter table "audit_events" drop column "seq", drop column "prev_hash", drop column "hash";`);
  }

}
