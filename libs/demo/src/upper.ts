import { actorOf, type IUser } from '@govdata/core';
import { consolidateUpperNeeds, createUpperResource, passBackUpperApplication, replyUpperApplication, submitUpperApplication, submitUpperNeed } from '@govdata/lifecycle';
import type { CreateUpperNeedInput, UpperResourceInput } from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import type { DemoSeeder } from './seeder';

const DAY = 86_400_000;

/** A handful of the province's and the nation's resources, as the bureau keeps them (第十八条). */
const RESOURCES: UpperResourceInput[] = [
  { code: 'SX-SCJG-0001', name: '山西省市场主体登记信息', holder: '山西省市场监督管理局', level: 'provincial', system: '山西省市场主体登记管理系统', items: ['统一社会信用代码', '企业名称', '法定代表人', '注册资本', '成立日期', '登记状态'], howToApply: '通过山西省政务数据共享交换平台提交共享申请，附用途说明和依据' },
  { code: 'SX-MZ-0002', name: '山西省婚姻登记信息', holder: '山西省民政厅', level: 'provincial', system: '全国婚姻登记信息系统（山西）', items: ['男方公民身份号码', '女方公民身份号码', '登记日期', '登记类型', '登记机关'], howToApply: '省共享交换平台在线申请，须注明法律依据', note: '仅限依法履职使用' },
  { code: 'SX-RS-0003', name: '山西省社会保险参保信息', holder: '山西省人力资源和社会保障厅', level: 'provincial', system: '山西省社会保险信息系统', items: ['公民身份号码', '姓名', '参保险种', '参保状态', '缴费基数'], howToApply: '省共享交换平台在线申请' },
  { code: 'SX-BDC-0004', name: '山西省不动产登记信息', holder: '山西省自然资源厅', level: 'provincial', system: '山西省不动产登记信息管理基础平台', items: ['不动产单元号', '权利人', '坐落', '面积', '登记时间'], howToApply: '省共享交换平台在线申请，按需申请接口' },
  { code: 'GJ-GA-0005', name: '全国人口基础信息', holder: '公安部', level: 'national', system: '国家人口基础信息库', items: ['公民身份号码', '姓名', '性别', '民族', '出生日期', '户籍地址'], howToApply: '经省级共享平台转报国家数据共享交换平台' },
  { code: 'GJ-JY-0006', name: '全国学历学位信息', holder: '教育部', level: 'national', system: '中国高等教育学生信息网', items: ['公民身份号码', '姓名', '学历层次', '毕业院校', '专业', '毕业时间'], howToApply: '经省级共享平台转报国家数据共享交换平台' },
];

const need = (resourceId: number, items: string[], purpose: string, scenario: string, legalBasis: string, contactName: string, contactPhone: string): CreateUpperNeedInput => ({ resourceId, items, purpose, scenario, legalBasis, contactName, contactPhone });

/**
 * 上级数据 (第十八条) through the services, at past instants: the catalog of upper-level resources; two departments'
 * needs for the province's market-entity register consolidated, submitted, partly approved and passed back; a need
 * for the national population register submitted upward and awaiting the reply; two recent needs waiting to be
 * consolidated (their clocks running).
 */
export const upperSeeder: DemoSeeder = {
  name: 'upper',
  async run(ctx) {
    const { em, calendar, users } = ctx;
    const bureau = users.get('bureau');
    const gaj = users.get('gaj');
    const rsj = users.get('rsj');
    const scjgj = users.get('scjgj');
    if (!bureau || !gaj || !rsj || !scjgj) return;
    const at = (daysAgo: number, hour = 10) => new Date(ctx.now.getTime() - daysAgo * DAY + (hour - 10) * 3_600_000);
    const lc = (d: Date) => ({ em, now: d, calendar });
    const as = (u: IUser) => actorOf(u);
    const ids: number[] = [];
    for (const r of RESOURCES) ids.push((await createUpperResource(em, as(bureau), r, at(60))).id);
    const [market, marriage, , , population] = ids as [number, number, number, number, number];

    // the province's market-entity register: two needs → one application → partly approved → passed back
    await submitUpperNeed(lc(at(40)), as(gaj), need(market, ['统一社会信用代码', '企业名称', '法定代表人'], '核验涉案企业的登记状态和法定代表人身份', '经济犯罪案件侦查中核查企业主体信息', '《中华人民共和国刑事诉讼法》第五十四条', '王志强', '0349-2021234'));
    await submitUpperNeed(lc(at(39, 15)), as(rsj), need(market, ['统一社会信用代码', '企业名称', '登记状态'], '核验参保单位的登记状态', '社会保险参保登记和稽核时核验单位主体', '《中华人民共和国社会保险法》第五十七条', '陈海涛', '0349-2033456'));
    const app1 = await consolidateUpperNeeds(lc(at(38)), as(bureau), { resourceId: market });
    await submitUpperApplication(lc(at(37)), as(bureau), app1.id, { submittedOn: shanghaiDate(at(37)), platformRef: `SXGX-${shanghaiDate(at(37)).replace(/-/g, '')}-0031` });
    await replyUpperApplication(lc(at(22)), as(bureau), app1.id, { decision: 'partly_approved', referenceNo: '晋数共〔2026〕12号', replyDate: shanghaiDate(at(23)), approvedItems: ['统一社会信用代码', '企业名称', '登记状态'], conditions: '仅限本部门依法履职使用，不得向第三方提供；有效期一年' });
    await passBackUpperApplication(lc(at(21)), as(bureau), app1.id, { note: '请通过省共享交换平台的本部门账号调用，接口文档见省平台' });

    // the national population register: one need, submitted upward, awaiting the reply
    await submitUpperNeed(lc(at(12)), as(scjgj), need(population, ['公民身份号码', '姓名', '户籍地址'], '核验个体工商户经营者身份', '个体工商户设立登记时核验经营者身份信息', '《促进个体工商户发展条例》第十条', '刘晓燕', '0349-2035678'));
    const app2 = await consolidateUpperNeeds(lc(at(11)), as(bureau), { resourceId: population });
    await submitUpperApplication(lc(at(10)), as(bureau), app2.id, { submittedOn: shanghaiDate(at(10)) });

    // waiting to be consolidated: two needs for the marriage register, their clocks running
    await submitUpperNeed(lc(at(2)), as(rsj), need(marriage, ['男方公民身份号码', '女方公民身份号码', '登记类型'], '核验遗属待遇申领人的婚姻关系', '社会保险遗属待遇申领审核', '《中华人民共和国社会保险法》第四十九条', '陈海涛', '0349-2033456'));
    await submitUpperNeed(lc(at(1)), as(gaj), need(marriage, ['男方公民身份号码', '女方公民身份号码', '登记日期'], '核验户籍迁移申请人的婚姻关系', '夫妻投靠落户审核', '《山西省户口迁移登记办法》', '王志强', '0349-2021234'));
    await em.flush();
    ctx.log(`上级数据资源 ${RESOURCES.length} 个，需求 5 条，统一申请 2 份`);
  },
};
