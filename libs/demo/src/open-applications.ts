import { actorOf, audit, completeDeadline, hashPassword, openDeadline, type IUser } from '@govdata/core';
import { CatalogItem } from '@govdata/catalog';
import { DatasetVersion, publishDatasetVersion, uploadDataset } from '@govdata/gateway';
import { OpenApplication, OpenDataset, OpenRating, OpenShowcase, PublicUser, type IPublicUser } from '@govdata/opendata';
import { isOpenItem, OPEN_AGREEMENT, OPEN_APPLICATION_SUBJECT, type OpenApplicationStatus } from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { DEMO_PASSWORD } from './departments-data';
import { csvCell, date, valueOf } from './gateway';
import type { DemoSeeder } from './seeder';

const DAY = 86_400_000;
const ROWS = 120;

/** The demo's portal accounts (README): both log in with the demo password on /open/. */
export const DEMO_PUBLIC_ACCOUNTS = [
  { identifier: 'citizen@example.com', kind: 'person', displayName: '张市民', organisationName: null, creditCode: null },
  { identifier: 'enterprise@example.com', kind: 'organisation', displayName: '李经理', organisationName: '朔州市示例数据科技有限公司', creditCode: '91140600MA0K4N8X2D' },
] as const;

interface Planned {
  who: 0 | 1;
  /** working days before now the application was received */
  ago: number;
  status: OpenApplicationStatus;
  /** answered this many working days after it was received (approved / refused) */
  answeredAfter?: number;
}

/** an application in each state: approved (with data), refused, pending within the clock, pending past it */
const PLAN: Planned[] = [
  { who: 0, ago: 30, status: 'approved', answeredAfter: 6 },
  { who: 1, ago: 24, status: 'refused', answeredAfter: 9 },
  { who: 0, ago: 2, status: 'pending' },
  { who: 1, ago: 14, status: 'pending' },
  { who: 1, ago: 40, status: 'approved', answeredAfter: 12 },
];

/**
 * 开放平台用户和依申请开放申请 (issue 16 items 3, 4, 9): a citizen and an enterprise registered on the portal, and
 * applications for 依申请开放 datasets in every state — approved (the first one's dataset gets data, so the citizen's
 * key reads it), refused with reasons and basis, pending within the 10 working days and pending past them (the sweep
 * records (九) on its next run), and one answered late.
 */
export const openApplicationsSeeder: DemoSeeder = {
  name: 'open-applications',
  async run(ctx) {
    const { em } = ctx;
    const rng = ctx.rng.fork('open-applications');
    const calendar = ctx.calendar.lenient;
    const hash = await hashPassword(DEMO_PASSWORD);
    const since = new Date(ctx.now.getTime() - 90 * DAY);
    const users: IPublicUser[] = DEMO_PUBLIC_ACCOUNTS.map((a, i) =>
      em.create(PublicUser, {
        ...a,
        identifierType: 'email',
        passwordHash: hash,
        agreementVersion: OPEN_AGREEMENT.version,
        agreementAcceptedAt: new Date(since.getTime() + i * DAY),
        disabled: false,
        createdAt: new Date(since.getTime() + i * DAY),
        lastLoginAt: null,
      }),
    );
    await em.flush();

    const datasets = (await em.find(OpenDataset, { withdrawnAt: null }, { populate: ['entry'], orderBy: { id: 'asc' } })).filter((d) => d.entry.getEntity().openType === 'on_application' && d.entry.getEntity().status === 'published');
    const officer = new Map<number, IUser>();
    for (const u of ctx.users.values()) if (u.roles.includes('dept_admin') && !officer.has(u.department.id)) officer.set(u.department.id, u);
    const usable = datasets.filter((d) => officer.has(d.entry.getEntity().provider.id));
    let made = 0;
    for (const [n, plan] of PLAN.entries()) {
      const d = usable[n];
      if (!d) break;
      const entry = d.entry.getEntity();
      const provider = officer.get(entry.provider.id) as IUser;
      const items = (await em.find(CatalogItem, { entry: entry.id, removedAt: null }, { orderBy: { position: 'asc' } })).filter(isOpenItem);
      if (!items.length) continue;
      const today = shanghaiDate(ctx.now);
      const receivedDay = calendar.addWorkingDays(today, -plan.ago);
      const submittedAt = new Date(`${receivedDay}T${String(9 + (n % 7)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00+08:00`);
      const fields = items.slice(0, Math.max(1, Math.min(items.length, rng.int(2, 4)))).map((i) => i.fieldName);
      const user = users[plan.who] as IPublicUser;

      // the approved citizen's dataset carries data, so the key reads it
      if (n === 0 && !(await em.count(DatasetVersion, { entry: entry.id, status: 'live' }))) {
        const all = await em.find(CatalogItem, { entry: entry.id, removedAt: null }, { orderBy: { position: 'asc' } });
        const lines = [all.map((i) => csvCell(i.fieldName)).join(',')];
        for (let r = 0; r < ROWS; r++) {
          const birth = date(rng, 1950, 2005);
          lines.push(all.map((i) => csvCell(valueOf(i, rng, r, birth))).join(','));
        }
        const bytes = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
        const dctx = { em, actor: actorOf(provider), now: new Date(submittedAt.getTime() - 20 * DAY) };
        const up = await uploadDataset(dctx, entry.id, { body: (async function* () { yield bytes; })(), format: 'csv', filename: 'open-demo.csv', maxBytes: 16 * 1024 * 1024, maxRows: 10_000 });
        await publishDatasetVersion(dctx, up.versionId);
      }

      const a = em.create(OpenApplication, {
        applicant: user,
        dataset: d,
        entry: entry.id,
        provider: entry.provider.id,
        purpose: ['开发“朔州办事通”小程序，为市民提供办事机构和办理条件查询', '为本公司征信评估模型补充公共数据特征，提升小微企业贷款审批效率', '撰写本地公共服务可及性研究报告', '建设园区企业服务平台，向入驻企业推送政策信息', '开展城市运行数据可视化大赛作品开发'][n] as string,
        scenario: ['小程序内按区县、类别展示，不展示个人明细', '模型训练和评分，结果仅用于本公司授信审批', '统计分析后以图表发表，不公开原始数据', '平台内按企业所属行业匹配推送', '大赛作品展示，数据经汇总后使用'][n] as string,
        fields,
        periodFrom: receivedDay,
        periodTo: `${Number(receivedDay.slice(0, 4)) + 1}${receivedDay.slice(4)}`,
        commitments: '仅用于申请所列用途；不向第三方提供或转让；按网络安全等级保护二级要求存储和访问；使用期满或用途完成后销毁并书面确认。',
        status: 'pending',
        submittedAt,
        answeredAt: null,
        answeredBy: null,
        conditions: null,
        validUntil: null,
        refusalReasons: null,
        refusalBasis: null,
      });
      await em.flush();
      const clock = await openDeadline(em, ctx.calendar, { kind: 'open_application', subjectType: OPEN_APPLICATION_SUBJECT, subjectId: a.id, departmentId: entry.provider.id, startedAt: submittedAt }, submittedAt);
      audit(em, { actor: null, systemName: `开放平台用户 ${user.displayName}(#${user.id})`, action: 'open_application.submit', subjectType: OPEN_APPLICATION_SUBJECT, subjectId: a.id, after: { dataset: d.name, fields }, at: submittedAt });
      if (plan.answeredAfter !== undefined) {
        const answeredAt = new Date(`${calendar.addWorkingDays(receivedDay, plan.answeredAfter)}T15:20:00+08:00`);
        a.status = plan.status;
        a.answeredAt = answeredAt;
        a.answeredBy = provider as never;
        if (plan.status === 'approved') {
          a.conditions = '仅限申请所列用途使用；成果中注明“数据来源：朔州市公共数据开放平台”；不得尝试识别个人身份。';
          a.validUntil = `${Number(shanghaiDate(answeredAt).slice(0, 4)) + 1}${shanghaiDate(answeredAt).slice(4)}`;
        } else {
          a.refusalReasons = '所申请信息项涉及市场主体的经营信息，开放须经权利人同意，申请材料中未见权利人同意的证明。';
          a.refusalBasis = '《朔州市政务数据资源共享开放管理办法》第二十三条；《中华人民共和国数据安全法》第三十八条';
        }
        completeDeadline(clock, answeredAt);
        audit(em, { actor: actorOf(provider), action: plan.status === 'approved' ? 'open_application.approve' : 'open_application.refuse', subjectType: OPEN_APPLICATION_SUBJECT, subjectId: a.id, after: { status: a.status }, at: answeredAt });
      }
      made++;
    }
    // 评价与利用成果 (第二十五条): both rate the most viewed open datasets; the enterprise's app is shown, a draft waits
    const popular = (await em.find(OpenDataset, { withdrawnAt: null }, { orderBy: { views: 'desc', id: 'asc' }, limit: 4 }));
    let bureau: IUser | undefined;
    for (const u of ctx.users.values()) if (u.roles.includes('bureau_admin')) bureau ??= u;
    for (const [i, d] of popular.entries()) {
      for (const [j, u] of users.entries()) em.create(OpenRating, { dataset: d, user: u, score: [5, 4, 4, 3][(i + j) % 4] as number, ratedAt: new Date(ctx.now.getTime() - (10 + i + j) * DAY) });
    }
    if (popular[0]) {
      const at = new Date(ctx.now.getTime() - 12 * DAY);
      em.create(OpenShowcase, { dataset: popular[0], author: users[1] as IPublicUser, title: '朔州企业服务地图', kind: 'app', description: '基于本数据集的企业服务小程序：按区县和行业查询办事机构、办理条件和联系方式，月活跃用户约 3,000 人。', url: 'https://example.com/sz-service-map', status: 'approved', submittedAt: at, reviewedAt: new Date(at.getTime() + 2 * DAY), reviewedBy: bureau ?? null, reason: null });
      em.create(OpenShowcase, { dataset: popular[0], author: users[0] as IPublicUser, title: '朔州市公共服务可及性研究', kind: 'research', description: '利用开放数据分析各区县公共服务设施的分布与可及性，形成研究报告初稿。', url: null, status: 'pending', submittedAt: new Date(ctx.now.getTime() - 2 * DAY), reviewedAt: null, reviewedBy: null, reason: null });
    }
    await em.flush();
    ctx.log(`开放平台：${users.length} 个公众账号、${made} 份依申请开放申请、${popular.length} 个数据集有评分`);
  },
};
