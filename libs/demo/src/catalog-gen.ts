import {
  assignFieldNames,
  BASE_LIBRARIES,
  normalizeItemName,
  type ClosedReason,
  type Desensitization,
  type EntryInput,
  type ItemDataType,
  type OpenType,
  type ResourceFormat,
  type ResourceType,
  type SecurityGrade,
  type ShareMethod,
  type ShareType,
  type UpdateCycle,
} from '@govdata/domain';
import { DEMO_DEPARTMENTS } from './departments-data';
import { BASE_RESOURCES, COUNTY_RESOURCES, DEMO_THEMATIC_LEADS, DEPARTMENT_RESOURCES, DEPARTMENT_TOPICS, GENERIC_RESOURCES, THEMATIC_RESOURCES, type ResourceTemplate } from './catalog-data';
import type { Prng } from './prng';

/** One demo resource as planned: its classification, owner and the attributes it starts its life with. */
export interface PlannedEntry {
  key: number;
  dept: string;
  resourceType: ResourceType;
  library: string | null;
  classCode: string;
  template: ResourceTemplate;
  /** the state at version 1 (dedicated as slugs, providerId filled in by the seeder) */
  input: Omit<EntryInput, 'providerId' | 'dedicatedDepartmentIds'> & { dedicated: string[] };
  draft: boolean;
}

const COUNTIES = new Set(DEMO_DEPARTMENTS.filter((d) => d.kind === 'county_government').map((d) => d.slug));
const DEPT_INDEX = new Map(DEMO_DEPARTMENTS.map((d, i) => [d.slug, i + 1]));
const DEPT_NAME = new Map(DEMO_DEPARTMENTS.map((d) => [d.slug, d.name]));
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Dedicated (专用, 第十六条(三)) lists a municipal data bureau would really set up. */
const DEDICATED: Record<string, string[]> = {
  不动产登记信息: ['swj', 'zjj', 'gjj'],
  死亡注销户口信息: ['rsj', 'mzj', 'ybj'],
  社会保险参保信息: ['ybj'],
  最低生活保障对象信息: ['ybj', 'jyj'],
  住房公积金缴存信息: ['zjj'],
};

const ID_LIKE = /(编号|编码|代码|证号|号码|识别号|单元号|学籍号|文号|索引号)$/;

export function itemFor(name: string, index: number, isKey: boolean): EntryInput['items'][number] {
  const n = normalizeItemName(name);
  let dataType: ItemDataType = 'string';
  let length: number | null = 50;
  if (/(日期|有效期自|有效期至|期限至)$/.test(name)) [dataType, length] = ['date', null];
  else if (/时间$/.test(name)) [dataType, length] = ['datetime', null];
  else if (/(金额|资本|资金|基数|价格|总额|收入|原值|余额|数额|投资|标准$|能耗|浓度|指数|增加值|生产总值|增速|比例|得分|面积|蓄积|容量|降水量|气温|风速|湿度|成功率|率$|缴存额|支出|额$)/.test(name)) [dataType, length] = ['decimal', 18];
  else if (/(人数|数量|套数|床位数|户数|人口数|次数|记分|生数|工数|剂次)$/.test(name)) [dataType, length] = ['integer', null];
  else if (/(内容|事实|依据|范围|原因|指南|宗旨|要求|说明|情况|事由|措施|业务范围|经营范围)$/.test(name)) [dataType, length] = ['text', null];
  else if (n === '公民身份号码' || n === '统一社会信用代码' || /身份证/.test(name)) length = 18;
  else if (/(地址|坐落|地点|住所|区域|位置)$/.test(name) || n === '现住址' || n === '户籍地址') length = 200;
  else if (/名称$/.test(name)) length = 100;
  const idNumber = n === '公民身份号码' || /身份证|证件号/.test(name);
  const sensitive = idNumber || n === '联系电话' || n === '现住址' || n === '户籍地址' || /账号|卡号|收入额|纳税额|账户余额/.test(name);
  const desensitization: Desensitization = !sensitive ? 'none' : idNumber || n === '联系电话' || /账号|卡号/.test(name) ? 'partial_mask' : /收入额|纳税额|余额/.test(name) ? 'hash' : 'mask';
  return {
    name,
    fieldName: null,
    dataType,
    length,
    nullable: !isKey,
    primaryKey: isKey,
    queryKey: isKey,
    sensitive,
    secret: false,
    desensitization,
    description: index === 0 && isKey ? '记录的唯一标识' : null,
  };
}

function itemsFor(names: string[]): EntryInput['items'] {
  const key = names.findIndex((x) => ID_LIKE.test(x) || ['公民身份号码', '统一社会信用代码'].includes(normalizeItemName(x)));
  return assignFieldNames(names.map((name, i) => itemFor(name, i, i === key)));
}

const FORMAT_BY_CYCLE: Record<UpdateCycle, ResourceFormat[]> = {
  realtime: ['api', 'database'],
  daily: ['database', 'api'],
  weekly: ['database', 'spreadsheet'],
  monthly: ['database', 'spreadsheet'],
  quarterly: ['spreadsheet', 'database'],
  semiannual: ['spreadsheet'],
  annual: ['spreadsheet', 'document'],
  irregular: ['document', 'spreadsheet'],
};
const FORMAT_DETAIL: Record<ResourceFormat, string[]> = {
  api: ['RESTful 接口（JSON）'],
  database: ['达梦 DM8', 'MySQL 8.0', 'KingbaseES V8', 'Oracle 19c'],
  spreadsheet: ['xlsx', 'et'],
  document: ['OFD', 'PDF'],
  image: ['TIFF'],
  streaming: ['MP4'],
  other: [''],
};
const METHOD_BY_CYCLE = (cycle: UpdateCycle, rng: Prng): ShareMethod => (cycle === 'realtime' || cycle === 'daily' ? rng.weighted([['platform_api', 4], ['table_exchange', 1]]) : rng.weighted([['table_exchange', 3], ['file', 2], ['platform_api', 1]]));

function attributes(t: ResourceTemplate, dept: string, rng: Prng, hasPersons: boolean): Pick<EntryInput, 'shareType' | 'openType' | 'securityGrade' | 'securityAgreementRequired' | 'shareConditions' | 'noShareReason' | 'noShareBasis' | 'openConditions' | 'closedReason' | 'closedBasis'> {
  let securityGrade: SecurityGrade = t.grade ?? (hasPersons ? rng.weighted([['general', 6], ['important', 1]]) : 'general');
  // most resources are shared on conditions; a share of the unconditional templates is tightened, few are refused
  let shareType: ShareType = t.share ?? 'conditional';
  if (shareType === 'unconditional' && rng.chance(hasPersons ? 0.7 : 0.42)) shareType = 'conditional';
  if (shareType === 'conditional' && (hasPersons || securityGrade !== 'general') && rng.chance(0.07)) shareType = 'none';
  if (securityGrade === 'core' && shareType === 'unconditional') shareType = 'conditional';
  if (shareType === 'none' && securityGrade === 'general') securityGrade = 'important';
  // opening is decided by the 政务公开 review (第二十三条): much of what the templates call open stays on application or closed
  let openType: OpenType =
    t.open === 'open' ? rng.weighted([['open', 4], ['on_application', 3], ['closed', 3]]) : t.open === 'on_application' ? rng.weighted([['on_application', 3], ['closed', 2]]) : securityGrade !== 'general' || shareType === 'none' ? 'closed' : rng.weighted([['closed', 5], ['on_application', 3], ['open', 1]]);
  if (shareType === 'none' || securityGrade === 'core') openType = 'closed';
  if (securityGrade === 'important' && openType === 'open') openType = 'on_application';
  if (openType === 'open' && hasPersons) openType = rng.chance(0.5) ? 'on_application' : 'closed';
  const closedReason: ClosedReason | null = openType !== 'closed' ? null : hasPersons ? 'personal_privacy' : securityGrade === 'core' ? 'other_legal' : rng.weighted([['other_legal', 2], ['trade_secret', 1]]);
  const topic = DEPARTMENT_TOPICS[dept] ?? '';
  return {
    shareType,
    openType,
    securityGrade,
    securityAgreementRequired: securityGrade !== 'general' || (shareType === 'conditional' && hasPersons && rng.chance(0.5)),
    shareConditions: shareType === 'conditional' ? rng.pick([`仅限履行${topic}相关法定职责时使用，按“一事一申请”提出`, '使用部门须说明具体业务场景，经提供部门审核后按需提供', '仅提供核验类服务，不批量提供明细数据', `限于政务服务“一网通办”事项办理中核验使用`]) : null,
    noShareReason: shareType === 'none' ? '数据涉及个人重要敏感信息，汇聚共享后泄露风险高，且无跨部门使用的法定需求' : null,
    noShareBasis: shareType === 'none' ? '《中华人民共和国个人信息保护法》第二十八条、第三十四条；《中华人民共和国数据安全法》第二十一条' : null,
    openConditions: openType === 'on_application' ? rng.pick(['申请人须说明用途，仅用于科学研究或公益用途', '申请人须签署数据使用承诺书', '仅向与数据主体相关的申请人开放']) : openType === 'open' ? '无' : null,
    closedReason,
    closedBasis: closedReason === 'other_legal' ? '《中华人民共和国数据安全法》第二十一条；《朔州市政务数据资源共享开放管理办法》第二十三条' : null,
  };
}

/** Every demo resource: base and thematic libraries, department specifics, each department's standard resources, counties. */
export function planEntries(rng: Prng): PlannedEntry[] {
  const plans: PlannedEntry[] = [];
  const classSeq = new Map<string, number>();
  const subject = (prefix: string) => {
    const n = (classSeq.get(prefix) ?? 0) + 1;
    classSeq.set(prefix, n);
    return n;
  };
  const thematicNames = Object.keys(DEMO_THEMATIC_LEADS);
  const add = (t: ResourceTemplate, resourceType: ResourceType, library: string | null) => {
    let classCode: string;
    if (resourceType === 'base') {
      const lib = BASE_LIBRARIES.indexOf(library as never) + 1;
      classCode = `1-${pad(lib, 2)}-${pad(subject(`1-${lib}`), 3)}-001`;
    } else if (resourceType === 'thematic') {
      const theme = thematicNames.indexOf(library ?? '') + 1;
      classCode = `2-${pad(theme, 2)}-${pad(subject(`2-${theme}`), 3)}-001`;
    } else {
      const d = DEPT_INDEX.get(t.dept) ?? 99;
      const n = subject(`3-${d}`);
      classCode = `3-${pad(d, 2)}-${pad(Math.ceil(n / 5), 3)}-${pad(((n - 1) % 5) + 1, 3)}`;
    }
    const hasPersons = t.items.some((x) => normalizeItemName(x) === '公民身份号码' || /身份证|证件号/.test(x));
    const cycle = t.cycle ?? 'monthly';
    const format = rng.pick(FORMAT_BY_CYCLE[cycle]);
    const region = COUNTIES.has(t.dept) ? (DEPT_NAME.get(t.dept) ?? '').replace(/人民政府$/, '').replace(/^朔州市/, '') : '全市';
    const attrs = attributes(t, t.dept, rng, hasPersons);
    const deptName = DEPT_NAME.get(t.dept) ?? t.dept;
    plans.push({
      key: plans.length + 1,
      dept: t.dept,
      resourceType,
      library,
      classCode,
      template: t,
      draft: !t.planted && !t.plantedSource && resourceType === 'department' && rng.chance(0.05),
      input: {
        name: t.name,
        resourceType,
        library,
        classCode,
        summary: t.summary ?? `${deptName}在履行职责过程中产生的${t.name.replace(/信息$/, '')}相关数据，覆盖${region}，按${cycle === 'irregular' ? '业务发生' : '周期'}更新。`,
        format,
        formatDetail: rng.pick(FORMAT_DETAIL[format]) || null,
        shareMethod: METHOD_BY_CYCLE(cycle, rng),
        dedicated: attrs.shareType === 'conditional' ? (DEDICATED[t.name] ?? []).filter((s) => s !== t.dept) : [],
        updateCycle: cycle,
        dataUpdatedAt: null,
        ...attrs,
        internalReview: {
          scenarios: attrs.shareType === 'unconditional' ? '政务服务办理、监管执法、统计分析等履职场景' : `${DEPARTMENT_TOPICS[t.dept] ?? ''}相关业务协同及政务服务事项办理中的信息核验`,
          userIdentity: attrs.shareType === 'unconditional' ? '全市各政务部门' : '经审核通过的政务部门及其授权经办人员',
          region: COUNTIES.has(t.dept) ? `${region}行政区域内` : '朔州市行政区域内',
          scope: attrs.securityAgreementRequired ? '仅限申请用途，经办人员知悉，不得向第三方提供；须签订数据安全协议' : '仅限履职用途，不得用于经营性活动',
        },
        collectionBasisType: t.basis || !rng.chance(0.04) ? 'law' : 'consent',
        collectionBasis: t.basis ?? `依据《${deptName}职能配置、内设机构和人员编制规定》及相关法律法规，在履行法定职责过程中采集`,
        dataRange: `${region}，${rng.pick(['2015', '2018', '2019', '2020', '2021'])}年至今`,
        applicationScenarios: rng.pick(['政务服务“一网通办”', '“一件事一次办”联办', '监管执法协同', '信用联合奖惩', '经济运行分析', '民生保障精准救助', '城市运行“一网统管”']),
        relatedCodes: [],
        items: itemsFor(t.items),
      },
    });
  };
  for (const t of BASE_RESOURCES) add(t, 'base', t.library ?? null);
  for (const t of THEMATIC_RESOURCES) add(t, 'thematic', t.library ?? null);
  for (const t of DEPARTMENT_RESOURCES) add(t, 'department', null);
  for (const d of DEMO_DEPARTMENTS) {
    const topic = DEPARTMENT_TOPICS[d.slug] ?? d.shortName.replace(/^市/, '');
    const pool = COUNTIES.has(d.slug) ? [...COUNTY_RESOURCES, ...rng.sample(GENERIC_RESOURCES, 6)] : rng.sample(GENERIC_RESOURCES, rng.int(10, 13));
    for (const g of pool) add({ ...g, dept: d.slug, name: `${topic}${g.name}` }, 'department', null);
  }
  // the consent-based ones (第十条) say whose consent and where it is kept
  for (const p of plans) if (p.input.collectionBasisType === 'consent') p.input.collectionBasis = `法律、行政法规未作规定，经采集对象书面同意后采集，同意书由${DEPT_NAME.get(p.dept)}存档备查（第十条）`;
  return plans;
}
