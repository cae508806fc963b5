import { PUBLISHED_DEMO_PASSWORD } from '@govdata/core';
import type { DepartmentKind } from '@govdata/domain';

export interface DemoDepartment {
  /** short slug, also the demo data officer's username */
  slug: string;
  name: string;
  shortName: string;
  kind: DepartmentKind;
  regionCode: string;
  isBureau?: boolean;
}

/**
 * The city's departments in the demo. Names follow 朔州市's real municipal organs; the bureau is
 * 朔州市政务信息管理局, the platform's operator (第四条).
 */
export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { slug: 'zwxxglj', name: '朔州市政务信息管理局', shortName: '市政务信息管理局', kind: 'government_department', regionCode: '140600', isBureau: true },
  { slug: 'szfb', name: '朔州市人民政府办公室', shortName: '市政府办公室', kind: 'government_department', regionCode: '140600' },
  { slug: 'gaj', name: '朔州市公安局', shortName: '市公安局', kind: 'government_department', regionCode: '140600' },
  { slug: 'scjgj', name: '朔州市市场监督管理局', shortName: '市市场监管局', kind: 'government_department', regionCode: '140600' },
  { slug: 'rsj', name: '朔州市人力资源和社会保障局', shortName: '市人社局', kind: 'government_department', regionCode: '140600' },
  { slug: 'zrzyj', name: '朔州市自然资源局', shortName: '市自然资源局', kind: 'government_department', regionCode: '140600' },
  { slug: 'wjw', name: '朔州市卫生健康委员会', shortName: '市卫健委', kind: 'government_department', regionCode: '140600' },
  { slug: 'mzj', name: '朔州市民政局', shortName: '市民政局', kind: 'government_department', regionCode: '140600' },
  { slug: 'zjj', name: '朔州市住房和城乡建设局', shortName: '市住建局', kind: 'government_department', regionCode: '140600' },
  { slug: 'swj', name: '国家税务总局朔州市税务局', shortName: '市税务局', kind: 'government_department', regionCode: '140600' },
  { slug: 'jyj', name: '朔州市教育局', shortName: '市教育局', kind: 'government_department', regionCode: '140600' },
  { slug: 'jtj', name: '朔州市交通运输局', shortName: '市交通运输局', kind: 'government_department', regionCode: '140600' },
  { slug: 'sthjj', name: '朔州市生态环境局', shortName: '市生态环境局', kind: 'government_department', regionCode: '140600' },
  { slug: 'yjj', name: '朔州市应急管理局', shortName: '市应急局', kind: 'government_department', regionCode: '140600' },
  { slug: 'ybj', name: '朔州市医疗保障局', shortName: '市医保局', kind: 'government_department', regionCode: '140600' },
  { slug: 'bdcdj', name: '朔州市不动产登记中心', shortName: '市不动产登记中心', kind: 'authorised_organisation', regionCode: '140600' },
  { slug: 'fgw', name: '朔州市发展和改革委员会', shortName: '市发改委', kind: 'government_department', regionCode: '140600' },
  { slug: 'czj', name: '朔州市财政局', shortName: '市财政局', kind: 'government_department', regionCode: '140600' },
  { slug: 'sfj', name: '朔州市司法局', shortName: '市司法局', kind: 'government_department', regionCode: '140600' },
  { slug: 'nyncj', name: '朔州市农业农村局', shortName: '市农业农村局', kind: 'government_department', regionCode: '140600' },
  { slug: 'swuj', name: '朔州市水务局', shortName: '市水务局', kind: 'government_department', regionCode: '140600' },
  { slug: 'whlyj', name: '朔州市文化和旅游局', shortName: '市文旅局', kind: 'government_department', regionCode: '140600' },
  { slug: 'tjj', name: '朔州市统计局', shortName: '市统计局', kind: 'government_department', regionCode: '140600' },
  { slug: 'sjj', name: '朔州市审计局', shortName: '市审计局', kind: 'government_department', regionCode: '140600' },
  { slug: 'shangwuj', name: '朔州市商务局', shortName: '市商务局', kind: 'government_department', regionCode: '140600' },
  { slug: 'gxj', name: '朔州市工业和信息化局', shortName: '市工信局', kind: 'government_department', regionCode: '140600' },
  { slug: 'tyjrj', name: '朔州市退役军人事务局', shortName: '市退役军人事务局', kind: 'government_department', regionCode: '140600' },
  { slug: 'xzspj', name: '朔州市行政审批服务管理局', shortName: '市行政审批局', kind: 'government_department', regionCode: '140600' },
  { slug: 'nyj', name: '朔州市能源局', shortName: '市能源局', kind: 'government_department', regionCode: '140600' },
  { slug: 'lyj', name: '朔州市林业局', shortName: '市林业局', kind: 'government_department', regionCode: '140600' },
  { slug: 'cgj', name: '朔州市城市管理局', shortName: '市城管局', kind: 'government_department', regionCode: '140600' },
  { slug: 'kjj', name: '朔州市科学技术局', shortName: '市科技局', kind: 'government_department', regionCode: '140600' },
  { slug: 'gjj', name: '朔州市住房公积金管理中心', shortName: '市公积金中心', kind: 'authorised_organisation', regionCode: '140600' },
  { slug: 'qxj', name: '朔州市气象局', shortName: '市气象局', kind: 'government_department', regionCode: '140600' },
  { slug: 'ggzyjy', name: '朔州市公共资源交易中心', shortName: '市公共资源交易中心', kind: 'authorised_organisation', regionCode: '140600' },
  { slug: 'bwb', name: '中共朔州市委机构编制委员会办公室', shortName: '市委编办', kind: 'party_organ', regionCode: '140600' },
  { slug: 'wxb', name: '中共朔州市委网络安全和信息化委员会办公室', shortName: '市委网信办', kind: 'party_organ', regionCode: '140600' },
  { slug: 'dsjzx', name: '朔州市大数据中心', shortName: '市大数据中心', kind: 'authorised_organisation', regionCode: '140600' },
  { slug: 'scq', name: '朔州市朔城区人民政府', shortName: '朔城区政府', kind: 'county_government', regionCode: '140602' },
  { slug: 'plq', name: '朔州市平鲁区人民政府', shortName: '平鲁区政府', kind: 'county_government', regionCode: '140603' },
  { slug: 'hrs', name: '怀仁市人民政府', shortName: '怀仁市政府', kind: 'county_government', regionCode: '140681' },
  { slug: 'syx', name: '山阴县人民政府', shortName: '山阴县政府', kind: 'county_government', regionCode: '140621' },
  { slug: 'yx', name: '应县人民政府', shortName: '应县政府', kind: 'county_government', regionCode: '140622' },
  { slug: 'yyx', name: '右玉县人民政府', shortName: '右玉县政府', kind: 'county_government', regionCode: '140623' },
];

/** The accounts named in the README; every one logs in with {@link DEMO_PASSWORD}. */
/** printed at start and in the README; refused for any account when NODE_ENV=production */
export const DEMO_PASSWORD = PUBLISHED_DEMO_PASSWORD;
export const DEMO_ACCOUNTS = [
  { username: 'bureau', displayName: '张明远', department: 'zwxxglj', roles: ['bureau_admin'] },
  { username: 'leader', displayName: '李国华', department: 'szfb', roles: ['leader'] },
  { username: 'gaj', displayName: '王志强', department: 'gaj', roles: ['dept_admin'] },
  { username: 'scjgj', displayName: '刘晓燕', department: 'scjgj', roles: ['dept_admin'] },
  { username: 'rsj', displayName: '陈海涛', department: 'rsj', roles: ['dept_admin'] },
  { username: 'agent', displayName: '赵思远', department: 'dsjzx', roles: ['dept_agent'] },
] as const;
