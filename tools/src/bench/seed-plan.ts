/**
 * What `npm run bench:seed` generates, as plain data (no database): the departments of a province (or of one city)
 * and which catalog resources each of them keeps. seed-load.ts multiplies this plan with bulk SQL to 500,000 entries
 * and 5,000,000 share requests.
 *
 * The departments are real kinds of organs: the province's own (山西省公安厅 …), the same organs in each of its 11
 * cities (太原市公安局 …), the county-level governments (小店区人民政府 …) and, to make up the count, county organs
 * (清徐县公安局 …). Their resources are the demo catalog's templates (libs/demo): an organ the demo city has keeps
 * that organ's resources; any other organ, county or county organ keeps the generic ones (行政许可信息, 行政处罚信息 …)
 * named after its own field, as the demo names them after the city organ's.
 */
import { creditCodeCheckChar, normalizeItemName, type DepartmentKind, type EntryInput } from '@govdata/domain';
import { DEMO_DEPARTMENTS, personName, planDemoCatalog, Prng } from '@govdata/demo';

export interface SeedSizes {
  departments: number;
  entries: number;
  requests: number;
}

/** A province (issue 19: 1,000 departments, 500,000 entries, 5,000,000 requests) and a city, a tenth of it. */
export const SCALES: Record<'province' | 'city', SeedSizes> = {
  province: { departments: 1_000, entries: 500_000, requests: 5_000_000 },
  city: { departments: 100, entries: 50_000, requests: 500_000 },
};

/** `province`, `city`, or a factor of the province (`0.01`). */
export function sizesOf(scale: string): SeedSizes {
  if (scale === 'province' || scale === 'city') return SCALES[scale];
  const f = Number(scale);
  if (!(f > 0 && f <= 10)) throw new Error(`--scale: province, city or a factor of the province (0.01), not “${scale}”`);
  const p = SCALES.province;
  return { departments: Math.max(12, Math.round(p.departments * f)), entries: Math.max(200, Math.round(p.entries * f)), requests: Math.max(500, Math.round(p.requests * f)) };
}

interface Jurisdiction {
  /** 山西省, 太原市 */
  name: string;
  region: string;
  level: 'province' | 'city';
  counties: { name: string; region: string }[];
}

/** 山西省's cities and their county-level divisions (GB/T 2260 city codes; county codes numbered within the city). */
const CITIES: [string, string, string][] = [
  ['太原市', '140100', '小店区 迎泽区 杏花岭区 尖草坪区 万柏林区 晋源区 清徐县 阳曲县 娄烦县 古交市'],
  ['大同市', '140200', '新荣区 平城区 云冈区 云州区 阳高县 天镇县 广灵县 灵丘县 浑源县 左云县'],
  ['阳泉市', '140300', '城区 矿区 郊区 平定县 盂县'],
  ['长治市', '140400', '潞州区 上党区 屯留区 潞城区 襄垣县 平顺县 黎城县 壶关县 长子县 武乡县 沁县 沁源县'],
  ['晋城市', '140500', '城区 沁水县 阳城县 陵川县 泽州县 高平市'],
  ['朔州市', '140600', '朔城区 平鲁区 山阴县 应县 右玉县 怀仁市'],
  ['晋中市', '140700', '榆次区 太谷区 榆社县 左权县 和顺县 昔阳县 寿阳县 祁县 平遥县 灵石县 介休市'],
  ['运城市', '140800', '盐湖区 临猗县 万荣县 闻喜县 稷山县 新绛县 绛县 垣曲县 夏县 平陆县 芮城县 永济市 河津市'],
  ['忻州市', '140900', '忻府区 定襄县 五台县 代县 繁峙县 宁武县 静乐县 神池县 五寨县 岢岚县 河曲县 保德县 偏关县 原平市'],
  ['临汾市', '141000', '尧都区 曲沃县 翼城县 襄汾县 洪洞县 古县 安泽县 浮山县 吉县 乡宁县 大宁县 隰县 永和县 蒲县 汾西县 侯马市 霍州市'],
  ['吕梁市', '141100', '离石区 文水县 交城县 兴县 临县 柳林县 石楼县 岚县 方山县 中阳县 交口县 孝义市 汾阳市'],
];

const cityOf = ([name, region, counties]: [string, string, string]): Jurisdiction => ({
  name,
  region,
  level: 'city',
  counties: counties.split(' ').map((c, i) => ({ name: c.endsWith('区') ? `${name}${c}` : c, region: region.slice(0, 4) + String(i + 1).padStart(2, '0') })),
});

/** The province with its cities, or 朔州市 alone (the demo's city) for a city-sized run. */
export function jurisdictionsOf(level: 'province' | 'city'): Jurisdiction[] {
  const cities = CITIES.map(cityOf);
  if (level === 'city') return [cities.find((c) => c.name === '朔州市') as Jurisdiction];
  return [{ name: '山西省', region: '140000', level: 'province', counties: [] }, ...cities];
}

interface Role {
  /** the organ's name with {J} for the jurisdiction: 中共{J}委机构编制委员会办公室 */
  name: string;
  /** at the province level, where it differs (公安局 → 公安厅) */
  provinceName?: string;
  kind: DepartmentKind;
  /** its field, the first words of its generic resources' names (公安 → 公安行政许可信息) */
  topic: string;
  /** the demo organ whose resources it keeps (null: the generic ones only) */
  slug: string | null;
}

/** 厅 instead of 局 for the provincial organs of these fields. */
const PROVINCE_TING = new Set(['公安', '人力资源和社会保障', '自然资源', '民政', '住房和城乡建设', '教育', '交通运输', '生态环境', '财政', '司法', '农业农村', '文化和旅游', '审计', '商务', '工业和信息化', '退役军人事务', '科学技术', '应急管理']);

/** Organs of a city (and of the province) beyond the demo's: [name with {J}, kind, field]. */
const EXTRA_ROLES: [string, DepartmentKind, string][] = [
  ['{J}档案局', 'government_department', '档案'],
  ['{J}体育局', 'government_department', '体育'],
  ['{J}人民防空办公室', 'government_department', '人民防空'],
  ['{J}地震局', 'government_department', '防震减灾'],
  ['{J}乡村振兴局', 'government_department', '乡村振兴'],
  ['{J}人民政府国有资产监督管理委员会', 'government_department', '国有资产'],
  ['{J}信访局', 'government_department', '信访'],
  ['{J}人民政府外事办公室', 'government_department', '外事'],
  ['{J}粮食和物资储备局', 'government_department', '粮食物资储备'],
  ['{J}机关事务管理局', 'government_department', '机关事务'],
  ['{J}地方金融监督管理局', 'government_department', '地方金融'],
  ['{J}民族宗教事务局', 'government_department', '民族宗教'],
  ['{J}投资促进局', 'government_department', '投资促进'],
  ['{J}知识产权局', 'government_department', '知识产权'],
  ['{J}邮政管理局', 'government_department', '邮政'],
  ['{J}烟草专卖局', 'government_department', '烟草专卖'],
  ['{J}消防救援支队', 'government_department', '消防救援'],
  ['{J}社会保险事业管理中心', 'authorised_organisation', '社会保险'],
  ['{J}疾病预防控制中心', 'authorised_organisation', '疾病预防控制'],
  ['{J}公共就业服务中心', 'authorised_organisation', '公共就业'],
  ['{J}政务服务中心', 'authorised_organisation', '政务服务'],
  ['{J}融媒体中心', 'authorised_organisation', '融媒体'],
  ['{J}供销合作社联合社', 'authorised_organisation', '供销合作'],
  ['{J}残疾人联合会', 'authorised_organisation', '残疾人'],
  ['{J}红十字会', 'authorised_organisation', '红十字'],
  ['{J}科学技术协会', 'authorised_organisation', '科协'],
  ['{J}总工会', 'party_organ', '工会'],
  ['{J}妇女联合会', 'party_organ', '妇女儿童'],
  ['共青团{J}委员会', 'party_organ', '共青团'],
  ['中共{J}委组织部', 'party_organ', '组织'],
  ['中共{J}委宣传部', 'party_organ', '宣传'],
  ['中共{J}委政法委员会', 'party_organ', '政法'],
  ['中共{J}纪律检查委员会', 'party_organ', '纪检监察'],
  ['{J}中级人民法院', 'authorised_organisation', '审判'],
];

/** County organs made when the count asks for more departments: [name after the county, field]. */
const COUNTY_ROLES: [string, string, string][] = [
  ['公安局', '公安', 'gaj'],
  ['教育局', '教育', 'jyj'],
  ['人力资源和社会保障局', '人社', 'rsj'],
  ['卫生健康局', '卫生健康', 'wjw'],
  ['市场监督管理局', '市场监管', 'scjgj'],
  ['民政局', '民政', 'mzj'],
  ['自然资源局', '自然资源', 'zrzyj'],
  ['农业农村局', '农业农村', 'nyncj'],
];

export interface PlannedDepartment {
  /** 1-based, the row id; the bureau is 1 */
  id: number;
  code: string;
  name: string;
  kind: DepartmentKind;
  regionCode: string;
  isBureau: boolean;
  /** 太原市 — the jurisdiction its resources cover */
  jurisdiction: string;
  /** what its resources' summaries say they cover: 全省, 全市, 清徐县 */
  area: string;
  /** the first words of its generic resources' names */
  topic: string;
  /** the demo organ whose resources it keeps; for a county or a county organ, the demo organ its generic ones come from */
  slug: string;
  /** only the generic resources (named after `topic`), not the organ's specific ones */
  genericOnly: boolean;
  /** its data officer (dept_admin) — the user with the department's id */
  officer: { username: string; displayName: string };
}

/** 统一社会信用代码 of an organ: 11 (机关) + region + a 9-character organisation code + check character. */
function creditCode(region: string, n: number): string {
  const first17 = `11${region}${String(20_000_000 + n * 7_919).padStart(9, '0').slice(-9)}`;
  return first17 + creditCodeCheckChar(first17);
}

const DEMO_BY_SLUG = new Map(DEMO_DEPARTMENTS.map((d) => [d.slug, d]));
const DEMO_COUNTIES = DEMO_DEPARTMENTS.filter((d) => d.kind === 'county_government').map((d) => d.slug);

/** The organs the demo city has, as roles (the bureau and the counties apart). */
function demoRoles(topics: Map<string, string>): Role[] {
  return DEMO_DEPARTMENTS.filter((d) => !d.isBureau && d.kind !== 'county_government').map((d) => {
    const name = d.name.replace('朔州市', '{J}');
    const topic = topics.get(d.slug) ?? d.shortName.replace(/^市/, '');
    const field = name.replace(/^\{J\}/, '').replace(/局$/, '');
    const provinceName = d.slug === 'szfb' ? '{J}人民政府办公厅' : d.slug === 'swuj' ? '{J}水利厅' : PROVINCE_TING.has(field) ? name.replace(/局$/, '厅') : undefined;
    return { name, provinceName, kind: d.kind, topic, slug: d.slug };
  });
}

/**
 * The departments: the bureau (政务信息管理局 of the top jurisdiction, 第四条), every organ of the province and of
 * each city, the county-level governments, then county organs until `count` is reached.
 */
export function planDepartments(level: 'province' | 'city', count: number, topics: Map<string, string>, seed = 20_261_120): PlannedDepartment[] {
  const rng = new Prng(seed);
  const jurisdictions = jurisdictionsOf(level);
  const top = jurisdictions[0] as Jurisdiction;
  const roles: Role[] = [...demoRoles(topics), ...EXTRA_ROLES.map(([name, kind, topic]): Role => ({ name, kind, topic, slug: null }))];
  const out: PlannedDepartment[] = [];
  const names = new Set<string>();
  const add = (d: Omit<PlannedDepartment, 'id' | 'code' | 'officer'>) => {
    if (out.length >= count || names.has(d.name)) return;
    names.add(d.name);
    const id = out.length + 1;
    out.push({ ...d, id, code: creditCode(d.regionCode, id), officer: { username: id === 1 ? 'bureau' : `dept${String(id).padStart(4, '0')}`, displayName: personName(rng) } });
  };
  const wide = (j: Jurisdiction) => (j.level === 'province' ? '全省' : '全市');
  add({ name: `${top.name}政务信息管理局`, kind: 'government_department', regionCode: top.region, isBureau: true, jurisdiction: top.name, area: wide(top), topic: '政务信息', slug: 'zwxxglj', genericOnly: false });
  // organs without a demo counterpart keep the generic resources of a demo organ, renamed after their own field
  const donors = demoRoles(topics).map((r) => r.slug as string);
  for (const j of jurisdictions) {
    roles.forEach((r, i) => {
      const pattern = j.level === 'province' ? (r.provinceName ?? r.name) : r.name;
      add({ name: pattern.replace('{J}', j.name), kind: r.kind, regionCode: j.region, isBureau: false, jurisdiction: j.name, area: wide(j), topic: r.topic, slug: r.slug ?? (donors[i % donors.length] as string), genericOnly: r.slug === null });
    });
  }
  const counties = jurisdictions.flatMap((j) => j.counties.map((c) => ({ ...c, city: j.name })));
  counties.forEach((c, i) => {
    const short = c.name.replace(c.city, '');
    add({ name: `${c.name}人民政府`, kind: 'county_government', regionCode: c.region, isBureau: false, jurisdiction: short, area: short, topic: short, slug: DEMO_COUNTIES[i % DEMO_COUNTIES.length] as string, genericOnly: true });
  });
  for (let round = 0; out.length < count && round < COUNTY_ROLES.length; round++) {
    const [suffix, field, slug] = COUNTY_ROLES[round] as [string, string, string];
    for (const c of counties) {
      const short = c.name.replace(c.city, '');
      add({ name: `${c.name}${suffix}`, kind: 'government_department', regionCode: c.region, isBureau: false, jurisdiction: short, area: short, topic: `${short}${field}`, slug, genericOnly: true });
    }
  }
  if (out.length < count) throw new Error(`only ${out.length} departments can be planned for a ${level}, ${count} asked`);
  return out;
}

/** One demo resource as a template: the attributes every copy shares. */
export interface SeedTemplate {
  index: number;
  slug: string;
  /** the demo organ's field its generic name starts with, '' for a specific resource */
  topic: string;
  name: string;
  input: ReturnType<typeof planDemoCatalog>[number]['input'];
  /** days between two updates of the data, by its update cycle (freshness) */
  cycleDays: number;
  /** item names and their normalised forms, lower-cased, as the search text holds them (searchTextOf) */
  itemsText: string;
}

const CYCLE_DAYS: Record<string, number> = { realtime: 1, daily: 1, weekly: 7, monthly: 31, quarterly: 92, semiannual: 183, annual: 366, irregular: 366 };

/** The longest start that at least `min` of the names share: an organ's field (公安 in 公安行政许可信息 …). */
function sharedStart(names: string[], min: number): string {
  let best = '';
  for (let len = 1; len <= 12; len++) {
    const counts = new Map<string, number>();
    for (const n of names) if (n.length > len) counts.set(n.slice(0, len), (counts.get(n.slice(0, len)) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1])[0];
    if (!top || top[1] < min) break;
    best = top[0];
  }
  return best;
}

/** The demo catalog's ~650 resources as templates, and each demo organ's field (what its generic resources start with). */
export function planTemplates(seed = 20_261_120): { templates: SeedTemplate[]; topics: Map<string, string> } {
  const plans = planDemoCatalog(new Prng(seed));
  const bySlug = new Map<string, string[]>();
  for (const p of plans) bySlug.set(p.dept, [...(bySlug.get(p.dept) ?? []), p.input.name]);
  const topics = new Map([...bySlug].map(([slug, names]) => [slug, sharedStart(names, 8)]));
  const templates = plans.map((p, index): SeedTemplate => {
    const topic = topics.get(p.dept) ?? '';
    const names = new Set<string>();
    for (const it of p.input.items) {
      names.add(it.name);
      names.add(normalizeItemName(it.name));
    }
    return { index, slug: p.dept, topic: topic && p.input.name.startsWith(topic) ? topic : '', name: p.input.name, input: p.input, cycleDays: CYCLE_DAYS[p.input.updateCycle] ?? 31, itemsText: [...names].join(' ').toLowerCase() };
  });
  return { templates, topics };
}

/** One resource of one department: a template, renamed for it. The catalog repeats the plan, round after round. */
export interface PlanRow {
  k: number;
  template: number;
  provider: number;
  name: string;
  summary: string;
  internalReview: string;
  collectionBasis: string;
  /** the n-th row of the plan with this template (codes: class code / sequence) */
  ordinal: number;
}

/** Which resources each department keeps, with the names and texts made its own. */
export function planResources(departments: PlannedDepartment[], templates: SeedTemplate[]): { rows: PlanRow[]; perTemplate: number[] } {
  const bySlug = new Map<string, SeedTemplate[]>();
  for (const t of templates) bySlug.set(t.slug, [...(bySlug.get(t.slug) ?? []), t]);
  const rows: PlanRow[] = [];
  const perTemplate = templates.map(() => 0);
  for (const d of departments) {
    const own = (bySlug.get(d.slug) ?? []).filter((t) => !d.genericOnly || t.topic !== '');
    const demo = DEMO_BY_SLUG.get(d.slug);
    const rename = (s: string, t: SeedTemplate) => {
      let out = demo ? s.replaceAll(demo.name, d.name) : s;
      if (d.genericOnly && t.topic) out = out.replaceAll(t.topic, d.topic);
      return out.replaceAll('全市', d.area).replaceAll('朔州市', d.jurisdiction);
    };
    for (const t of own) {
      const name = d.genericOnly && t.topic ? d.topic + t.name.slice(t.topic.length) : t.name;
      rows.push({
        k: rows.length,
        template: t.index,
        provider: d.id,
        name,
        summary: rename(t.input.summary, t),
        internalReview: rename(JSON.stringify(t.input.internalReview), t),
        collectionBasis: rename(t.input.collectionBasis, t),
        ordinal: perTemplate[t.index]++,
      });
    }
  }
  return { rows, perTemplate };
}

export type TemplateItem = EntryInput['items'][number];
