import type { EntityManager } from '@mikro-orm/knex';
import type { Actor, ViolationType } from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { actorOf, type IViolation, User, Violation } from '@govdata/core';
import { acceptRectification, createNoticeDrafts, issueNotice, type NoticeContext, NoticeViolation, returnRectification, runNoticeEscalation, submitRectification, uploadAttachment } from '@govdata/supervision';
import { personName } from './prng';
import type { DemoSeeder } from './seeder';

const DAY = 86_400_000;

/** Findings of the bureau's inspections (第三十三条第（六）（七）（九）项), recorded by hand with their evidence. */
const INSPECTIONS: { key: string; slug: string; type: ViolationType; daysAgo: number; summary: string; article?: string }[] = [
  { key: 'A', slug: 'gaj', type: 6, daysAgo: 200, summary: '数据安全专项检查发现，该局将经共享平台获取的人口基础信息导出后存放于互联网网盘，未采取加密和访问控制措施' },
  { key: 'B', slug: 'scjgj', type: 7, daysAgo: 150, summary: '经核查，该局将经共享平台获取的企业登记信息提供给第三方技术服务公司用于商业营销数据分析' },
  { key: 'C', slug: 'rsj', type: 9, daysAgo: 62, summary: '该局依申请开放答复中对不予开放的数据未说明理由和依据，造成申请人多次投诉', article: '第二十四条' },
  { key: 'D', slug: 'wjw', type: 6, daysAgo: 70, summary: '检查发现该委共享接口账号由多名工作人员共用，且未留存访问日志，无法追溯数据使用情况' },
  { key: 'E', slug: 'zjj', type: 7, daysAgo: 40, summary: '经核查，该局将共享获取的不动产登记数据用于与本部门履职无关的房地产市场商业调研' },
  { key: 'F', slug: 'mzj', type: 9, daysAgo: 12, summary: '该局擅自通过部门自建系统与其他单位交换共享数据，未通过市级共享平台进行', article: '第十二条' },
  { key: 'G', slug: 'jtj', type: 6, daysAgo: 6, summary: '检查发现该局共享数据存放服务器存在弱口令，共享数据存在泄露风险' },
];

/**
 * The written notices of the demo: a few inspection findings (types 六, 七, 九) recorded and confirmed by the bureau,
 * then notices over them at different points of their life — rectified and closed (one after a return), one
 * returned, one overdue and escalated (with its 八 violation), one running, drafts — plus drafts over any confirmed
 * violations the other areas' seeders left. Every step goes through the notices services at its own past instant,
 * so numbers, deadlines, audit events and notifications are what the platform itself would have made.
 */
export const noticesSeeder: DemoSeeder = {
  name: 'notices',
  async run(ctx) {
    const rng = ctx.rng.fork('notices');
    const { em } = ctx;
    const user = async (username: string): Promise<Actor> => actorOf(ctx.users.get(username) ?? (await em.findOneOrFail(User, { username }, { populate: ['department'] })));
    const bureau = await user('bureau');
    let last = 0;
    /** `days` ago at `hour`, moved to the next working day; each step strictly after the previous one, none after now */
    const ago = (days: number, hour = 10): Date => {
      let date = shanghaiDate(new Date(ctx.now.getTime() - days * DAY));
      while (!ctx.calendar.lenient.isWorkingDay(date)) date = shanghaiDate(new Date(Date.parse(`${date}T12:00:00+08:00`) + DAY));
      let at = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
      if (at <= last) at = last + 3_600_000;
      last = Math.min(at, ctx.now.getTime());
      return new Date(last);
    };
    const nctx = (at: Date): NoticeContext => ({ calendar: ctx.calendar, now: at });
    const inTx = <T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> => em.transactional(fn);

    const violations = new Map<string, IViolation>();
    const inspector = personName(rng);
    for (const f of INSPECTIONS) {
      const department = ctx.departments.get(f.slug);
      if (!department) throw new Error(`demo department ${f.slug} is missing`);
      const at = new Date(ctx.now.getTime() - f.daysAgo * DAY);
      violations.set(
        f.key,
        em.create(Violation, {
          type: f.type,
          department,
          sourceKind: 'inspection',
          sourceId: `demo-inspection-${f.key}`,
          detectedAt: at,
          evidence: { summary: f.summary, observedAt: at.toISOString(), ...(f.article ? { article: f.article } : {}), details: { inspector, method: '现场检查' } },
          status: 'confirmed',
          manual: true,
          createdBy: bureau.userId,
          decidedBy: bureau.userId,
          decidedAt: at,
        }),
      );
    }
    await em.flush();

    const draft = async (key: string, days: number, at: Date) =>
      (await inTx((tx) => createNoticeDrafts(tx, bureau, { violationIds: [violations.get(key)?.id ?? 0], rectifyWithinWorkingDays: days }, nctx(at))))[0].id;
    const issue = (id: number, at: Date) => inTx((tx) => issueNotice(tx, bureau, id, nctx(at)));
    const report = async (id: number, slug: string, text: string, at: Date, attachment?: string) => {
      const dept = await user(slug);
      const ids = attachment ? [(await inTx((tx) => uploadAttachment(tx, dept, id, { name: attachment, mimeType: 'text/plain', content: Buffer.from(`${text}\n`, 'utf8') }, at))).id] : [];
      await inTx((tx) => submitRectification(tx, dept, id, { text, attachmentIds: ids }, nctx(at)));
    };
    const accept = (id: number, at: Date, comment: string) => inTx((tx) => acceptRectification(tx, bureau, id, { comment }, nctx(at)));
    const giveBack = (id: number, at: Date, reason: string) => inTx((tx) => returnRectification(tx, bureau, id, { reason }, nctx(at)));

    // in time order, so that the numbers of each year follow the issue dates
    const a = await draft('A', 10, ago(192, 9));
    await issue(a, ago(190));
    await report(a, 'gaj', '已删除网盘中的全部共享数据并完成溯源排查，修订《共享数据使用管理办法》，对相关责任人进行了约谈。', ago(183, 16), '整改情况说明.txt');
    await accept(a, ago(181), '整改措施到位，予以办结。');

    const b = await draft('B', 15, ago(142, 9));
    await issue(b, ago(140));
    await report(b, 'scjgj', '已停止向第三方提供数据，终止相关服务合同。', ago(131, 16));
    await giveBack(b, ago(129), '未提供数据收回及销毁记录，请补充第三方的数据销毁证明后重新报送。');
    await report(b, 'scjgj', '已补充第三方数据销毁证明及我局共享数据使用审批制度。', ago(124, 16), '数据销毁证明.txt');
    await accept(b, ago(121), '材料齐全，整改到位。');

    const d = await draft('D', 10, ago(57, 9));
    await issue(d, ago(55));
    const c = await draft('C', 10, ago(52, 9));
    await issue(c, ago(50));
    await report(d, 'wjw', '已为每名工作人员单独开设接口账号，启用访问日志并留存六个月以上。', ago(46, 16));
    await accept(d, ago(44), '已核查访问日志，整改到位。');

    const e = await draft('E', 20, ago(22, 9));
    await issue(e, ago(20));
    // the 人社局 never answers: the escalation job makes its notice overdue and records 八
    await runNoticeEscalation({ em: em.fork(), now: ago(15, 1), calendar: ctx.calendar, log: ctx.log });
    await report(e, 'zjj', '已停止相关调研项目。', ago(10, 16));
    await giveBack(e, ago(8), '整改报告未说明已使用数据的处置情况，请补充数据删除记录及内部追责情况。');

    const f = await draft('F', 10, ago(6, 9));
    await issue(f, ago(5));
    await draft('G', 10, ago(2));

    // whatever the detectors found and the bureau confirmed, not yet in a notice, becomes drafts (grouped by department)
    const taken = (await em.find(NoticeViolation, {}, { fields: ['violation'] })).map((l) => l.violation.id);
    const confirmed = await em.find(Violation, { status: 'confirmed', ...(taken.length ? { id: { $nin: taken } } : {}) }, { orderBy: { id: 'asc' }, limit: 12 });
    const extra = confirmed.length ? await inTx((tx) => createNoticeDrafts(tx, bureau, { violationIds: confirmed.map((v) => v.id), rectifyWithinWorkingDays: 10 }, nctx(ctx.now))) : [];
    ctx.log(`检查发现违规 ${INSPECTIONS.length} 条，书面通报已印发 6 份、草稿 ${1 + extra.length} 份`);
  },
};
