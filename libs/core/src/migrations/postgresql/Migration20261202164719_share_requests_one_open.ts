import { Migration } from '@mikro-orm/migrations';

export class Migration20261202164719_share_requests_one_open extends Migration {

  override async up(): Promise<void> {
    // A department may have one open request per entry. Requests opened twice before this rule existed are not closed
    // behind anyone's back: the migration stops and names them, and the department withdraws the extra ones first.
    const open = `status in ('submitted', 'returned', 'provider_review', 'negotiating', 'coordinating')`;
    const twice = (await this.execute(
      `select requester_id, entry_id, string_agg(id::text, ', ' order by id) as ids from share_requests where ${open} group by requester_id, entry_id having count(*) > 1`,
    )) as unknown as { requester_id: number; entry_id: number; ids: string }[];
    if (twice.length) {
      const list = twice.map((r) => `部门 ${r.requester_id} 对目录 ${r.entry_id}：申请 ${r.ids}`).join('；');
      throw new Error(`有部门对同一目录同时存在多个进行中的共享申请，唯一约束无法建立。请先撤回多余的申请，再重新启动迁移：${list}`);
    }
    this.addSql(`create unique index share_requests_one_open_per_entry on share_requests (requester_id, entry_id) where status in ('submitted', 'returned', 'provider_review', 'negotiating', 'coordinating');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "share_requests_one_open_per_entry";`);
  }

}
