import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import {
  OPEN_LICENSE,
  OPEN_TYPE_LABELS,
  RESOURCE_FORMAT_LABELS,
  UPDATE_CYCLE_LABELS,
  type OpenDataFileDto,
  type OpenDatasetDto,
  type OpenDatasetQuery,
  type OpenDatasetSummaryDto,
} from '@govdata/domain';
import { getOpenDataset, openDepartments, searchOpenDatasets, themeChoices, visibleDatasets } from './portal';

/**
 * The read side of the CKAN Action API (CKAN 2.10, `/api/3/action/<name>`), so that harvesters and open-data tools
 * read the open catalog without custom code. Departments are organizations, themes are groups; the 指南 fields ride
 * as extras. Errors are thrown as `CkanError` and answered in CKAN's shape by the HTTP layer.
 */
export class CkanError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly type: 'Not Found Error' | 'Validation Error' | 'Search Query Error' | 'Bad Request',
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

export const CKAN_VERSION = '2.10.5';
const MEDIA = { CSV: 'text/csv', XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', JSON: 'application/json' } as const;

/** A stable UUID-shaped id for a name (CKAN ids are UUIDs; clients may use either). */
export function ckanId(kind: string, name: string): string {
  const h = createHash('sha1').update(`${kind}:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}
export const organizationName = (departmentCode: string): string => `org-${departmentCode.toLowerCase().replace(/[^a-z0-9_-]/g, '')}`;
export const groupName = (theme: string): string => (/^[a-z0-9_-]{2,100}$/.test(theme) ? theme : `theme-${createHash('sha1').update(theme).digest('hex').slice(0, 10)}`);

interface Ctx {
  em: EntityManager;
  /** e.g. https://data.example.gov.cn — absolute URLs in the answers */
  baseUrl: string;
}

function organization(d: { id: number; code: string; name: string }, datasets?: number) {
  return {
    id: ckanId('organization', d.code),
    name: organizationName(d.code),
    title: d.name,
    display_name: d.name,
    type: 'organization',
    description: '',
    image_url: '',
    is_organization: true,
    approval_status: 'approved',
    state: 'active',
    ...(datasets === undefined ? {} : { package_count: datasets }),
  };
}

function group(label: string, count?: number) {
  return { id: ckanId('group', label), name: groupName(label), title: label, display_name: label, description: '', image_display_url: '', ...(count === undefined ? {} : { package_count: count }) };
}

function tagsOf(d: OpenDatasetSummaryDto): string[] {
  return [d.theme, RESOURCE_FORMAT_LABELS[d.format], UPDATE_CYCLE_LABELS[d.updateCycle], OPEN_TYPE_LABELS[d.openType]];
}

function resources(ctx: Ctx, d: OpenDatasetSummaryDto) {
  const packageId = ckanId('package', d.name);
  const page = {
    id: ckanId('resource', `${d.name}:page`),
    package_id: packageId,
    name: d.openType === 'open' ? '数据集页面' : '依申请开放：在门户提交申请',
    description: d.openType === 'open' ? '数据集的说明、信息项和获取方式' : '依申请开放的数据须注册并提交申请，经提供部门审核同意后通过开放接口获取（第二十四条）。',
    format: 'HTML',
    url: `${ctx.baseUrl}/open/datasets/${d.name}`,
    mimetype: 'text/html',
    created: d.publishedAt,
    last_modified: d.modifiedAt,
    position: 0,
    state: 'active',
    url_type: null,
    datastore_active: false,
  };
  const sizes: OpenDataFileDto[] = 'data' in d && d.data ? (d as OpenDatasetDto).data?.files ?? [] : [];
  const files = d.downloadFormats.map((format, i) => ({
    ...page,
    id: ckanId('resource', `${d.name}:${format}`),
    name: `${d.title}（${format}）`,
    description: `${d.title}的数据下载（${format}，当前版本）`,
    format,
    url: `${ctx.baseUrl}/api/open/datasets/${d.name}/download.${format.toLowerCase()}`,
    mimetype: MEDIA[format],
    size: sizes.find((f) => f.format === format)?.bytes ?? null,
    position: i + 1,
  }));
  return [page, ...files];
}

/** A dataset as a CKAN package dict. */
export function ckanPackage(ctx: Ctx, d: OpenDatasetSummaryDto | OpenDatasetDto) {
  const tags = tagsOf(d);
  const res = resources(ctx, d);
  const detail = 'items' in d ? d : null;
  const extras: Array<[string, string | null | undefined]> = [
    ['资源代码', d.code],
    ['资源提供方', d.department.name],
    ['资源格式', RESOURCE_FORMAT_LABELS[d.format]],
    ['开放类型', OPEN_TYPE_LABELS[d.openType]],
    ['更新周期', UPDATE_CYCLE_LABELS[d.updateCycle]],
    ['数据更新日期', d.dataUpdatedAt],
    ['资源分类', detail?.classCode],
    ['开放条件', detail?.openConditions],
    ['数据范围', detail?.dataRange],
    ['信息项', detail?.items.map((i) => i.name).join('、')],
  ];
  return {
    id: ckanId('package', d.name),
    name: d.name,
    title: d.title,
    notes: d.summary,
    type: 'dataset',
    state: 'active',
    private: false,
    url: `${ctx.baseUrl}/open/datasets/${d.name}`,
    version: detail ? String(detail.version) : null,
    author: d.department.name,
    author_email: null,
    maintainer: d.department.name,
    maintainer_email: null,
    license_id: OPEN_LICENSE.id,
    license_title: OPEN_LICENSE.title,
    license_url: `${ctx.baseUrl}${OPEN_LICENSE.url}`,
    metadata_created: d.publishedAt,
    metadata_modified: d.modifiedAt,
    owner_org: ckanId('organization', d.department.code),
    organization: organization(d.department),
    groups: [group(d.theme)],
    tags: tags.map((t) => ({ id: ckanId('tag', t), name: t, display_name: t, state: 'active', vocabulary_id: null })),
    num_tags: tags.length,
    resources: res,
    num_resources: res.length,
    extras: extras.filter((e): e is [string, string] => !!e[1]).map(([key, value]) => ({ key, value })),
  };
}

const asInt = (field: string, v: unknown, dflt: number, max: number): number => {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new CkanError(409, 'Validation Error', `${field} must be a non-negative integer`, { [field]: ['Invalid integer'] });
  return Math.min(n, max);
};

/** `organization:org-x tags:"部门数据" res_format:CSV groups:population` → our filters (unknown fields refuse). */
async function filtersOf(ctx: Ctx, fq: string): Promise<Partial<OpenDatasetQuery> & { hasData?: boolean }> {
  const out: Partial<OpenDatasetQuery> & { hasData?: boolean } = {};
  const terms = fq.match(/[+-]?[a-z_]+:(?:"[^"]*"|\S+)/g) ?? [];
  const rest = fq.replace(/[+-]?[a-z_]+:(?:"[^"]*"|\S+)/g, '').replace(/\bAND\b/g, '').trim();
  if (rest) throw new CkanError(400, 'Search Query Error', `Search Query is invalid: unsupported fq part ${JSON.stringify(rest)}`);
  // every department's code (a small table): the filter needs no count of open datasets
  const departments = terms.some((t) => /^[+]?(organization|owner_org):/.test(t)) ? await departmentCodes(ctx.em) : [];
  for (const term of terms) {
    const [, field, raw] = /^[+]?([a-z_]+):(.*)$/.exec(term) ?? [];
    if (!field) throw new CkanError(400, 'Search Query Error', `Search Query is invalid: ${term}`);
    const value = raw.replace(/^"|"$/g, '');
    if (field === 'organization' || field === 'owner_org') {
      const d = departments.find((x) => organizationName(x.code) === value || ckanId('organization', x.code) === value);
      out.department = d ? d.id : -1;
    } else if (field === 'groups') {
      out.theme = value;
    } else if (field === 'res_format') {
      // every dataset has its page (HTML); CSV, XLSX and JSON files come with a live data version of a 无条件开放 entry
      const format = value.toUpperCase();
      if (format === 'CSV' || format === 'XLSX' || format === 'JSON') out.hasData = true;
      else if (format !== 'HTML') out.department = -1;
    } else if (field === 'tags') {
      const format = Object.entries(RESOURCE_FORMAT_LABELS).find(([, l]) => l === value)?.[0];
      const cycle = Object.entries(UPDATE_CYCLE_LABELS).find(([, l]) => l === value)?.[0];
      const open = Object.entries(OPEN_TYPE_LABELS).find(([, l]) => l === value)?.[0];
      if (format) out.format = format as OpenDatasetQuery['format'];
      else if (cycle) out.updateCycle = cycle as OpenDatasetQuery['updateCycle'];
      else if (open === 'open' || open === 'on_application') out.openType = open;
      else out.theme = value;
    } else if (field === 'license_id') {
      if (value !== OPEN_LICENSE.id) out.department = -1;
    } else {
      throw new CkanError(400, 'Search Query Error', `Search Query is invalid: field ${field} is not searchable here (organization, groups, tags, res_format, license_id)`);
    }
  }
  return out;
}

/** Every department's id and code (organization names), without counting anything. */
async function departmentCodes(em: EntityManager): Promise<Array<{ id: number; code: string }>> {
  return ((await em.getKnex()('departments').select('id', 'code')) as Array<{ id: number; code: string }>).map((d) => ({ id: Number(d.id), code: d.code }));
}

/** groups:<name> → the theme value it stands for. */
function themeFromGroup(themes: Array<{ value: string; label: string }>, name: string): string | undefined {
  return themes.find((t) => groupName(t.label) === name || t.value === name || t.label === name)?.value;
}

const SORTS: Record<string, OpenDatasetQuery['sort']> = {
  'score desc, metadata_modified desc': 'relevance',
  'score desc': 'relevance',
  'metadata_modified desc': 'modified',
  'metadata_created desc': 'newest',
  'name asc': 'name',
  'title_string asc': 'name',
};

const FACET_FIELDS = ['organization', 'groups', 'tags', 'res_format', 'license_id'] as const;

async function packageSearch(ctx: Ctx, p: Record<string, unknown>) {
  const rows = asInt('rows', p.rows, 10, 1000);
  const start = asInt('start', p.start, 0, 1_000_000);
  const sortKey = String(p.sort ?? 'score desc, metadata_modified desc').trim();
  const sort = SORTS[sortKey];
  if (!sort) throw new CkanError(409, 'Validation Error', 'unsupported sort', { sort: [`Supported: ${Object.keys(SORTS).join(' | ')}`] });
  let facetFields: string[] = [];
  if (p['facet.field'] !== undefined) {
    try {
      const parsed: unknown = typeof p['facet.field'] === 'string' ? JSON.parse(p['facet.field']) : p['facet.field'];
      if (!Array.isArray(parsed) || parsed.some((f) => typeof f !== 'string')) throw new Error('not a list');
      facetFields = parsed as string[];
    } catch {
      throw new CkanError(409, 'Validation Error', 'facet.field must be a JSON list of field names', { 'facet.field': ['Invalid JSON list'] });
    }
  }
  const facetLimit = asInt('facet.limit', p['facet.limit'], 50, 1000);
  const q = String(p.q ?? '').trim();
  const text = q === '*:*' ? undefined : q.replace(/^text:/, '') || undefined;
  if (text && text.length > 100) throw new CkanError(409, 'Validation Error', 'q too long', { q: ['At most 100 characters'] });
  const filters = await filtersOf(ctx, String(p.fq ?? ''));
  const base = { q: text, sort, page: 1, pageSize: rows, ...filters } as OpenDatasetQuery & { hasData?: boolean };
  if (filters.theme) base.theme = themeFromGroup(await themeChoices(ctx.em), filters.theme) ?? '\u0001none';
  // facets of the datasets found, every filter applied — what Solr answers CKAN's clients
  const result = await searchOpenDatasets(ctx.em, base, { limit: rows, offset: start }, 'result');
  // the data files' formats: every dataset with live open data has all three
  const withData = facetFields.includes('res_format') ? (base.hasData ? result.total : Number(((await visibleDatasets(ctx.em, { ...base, hasData: true }).count({ n: '*' })) as Array<{ n: number | string }>)[0]?.n ?? 0)) : 0;
  const facetValues: Record<string, Array<{ name: string; display_name: string; count: number }>> = {
    organization: [],
    groups: result.facets.theme.map((f) => ({ name: groupName(f.label), display_name: f.label, count: f.count })),
    tags: [...result.facets.theme, ...result.facets.format, ...result.facets.updateCycle, ...result.facets.openType].map((f) => ({ name: f.label, display_name: f.label, count: f.count })),
    res_format: [{ name: 'HTML', display_name: 'HTML', count: result.total }, ...(withData ? (['CSV', 'XLSX', 'JSON'] as const).map((f) => ({ name: f, display_name: f, count: withData })) : [])],
    license_id: [{ name: OPEN_LICENSE.id, display_name: OPEN_LICENSE.title, count: result.total }],
  };
  // organization facet names need every department's code, not only those of this page's datasets
  if (facetFields.includes('organization')) {
    const departments = await departmentCodes(ctx.em);
    facetValues.organization = result.facets.department.map((f) => {
      const d = departments.find((x) => String(x.id) === f.value);
      return { name: d ? organizationName(d.code) : `dept-${f.value}`, display_name: f.label, count: f.count };
    });
  }
  const facets: Record<string, Record<string, number>> = {};
  const searchFacets: Record<string, { title: string; items: Array<{ name: string; display_name: string; count: number }> }> = {};
  for (const field of facetFields) {
    if (!(FACET_FIELDS as readonly string[]).includes(field)) continue;
    const items = facetValues[field].slice(0, facetLimit);
    facets[field] = Object.fromEntries(items.map((i) => [i.name, i.count]));
    searchFacets[field] = { title: field, items };
  }
  return { count: result.total, facets, results: result.items.map((d) => ckanPackage(ctx, d)), sort: sortKey, search_facets: searchFacets };
}

async function findPackage(ctx: Ctx, id: unknown) {
  const key = String(id ?? '').trim();
  if (!key) throw new CkanError(409, 'Validation Error', 'id missing', { id: ['Missing value'] });
  let name = key;
  if (!/^sz-/.test(key)) {
    // an id: find the name whose id it is (ids are derived from names)
    const all = await searchOpenDatasets(ctx.em, { sort: 'name', page: 1, pageSize: 1 }, { limit: 1_000_000, offset: 0 });
    name = all.items.find((d) => ckanId('package', d.name) === key)?.name ?? key;
  }
  try {
    return await getOpenDataset(ctx.em, name);
  } catch {
    throw new CkanError(404, 'Not Found Error', 'Not found');
  }
}

/** Runs one action; the params come from the query string (GET) or the JSON body (POST). */
export async function ckanAction(ctx: Ctx, action: string, p: Record<string, unknown>): Promise<unknown> {
  switch (action) {
    case 'status_show':
      return {
        site_title: '朔州市公共数据开放平台',
        site_description: '朔州市政务数据共享开放平台的开放目录（朔州市政务数据资源共享开放管理办法第二十二至二十六条）',
        site_url: ctx.baseUrl,
        ckan_version: CKAN_VERSION,
        error_emails_to: null,
        locale_default: 'zh_Hans_CN',
        extensions: [],
      };
    case 'package_list': {
      const limit = asInt('limit', p.limit, 1_000_000, 1_000_000);
      const offset = asInt('offset', p.offset, 0, 1_000_000);
      const all = await searchOpenDatasets(ctx.em, { sort: 'name', page: 1, pageSize: 1 }, { limit, offset });
      return all.items.map((d) => d.name);
    }
    case 'package_search':
      return packageSearch(ctx, p);
    case 'package_show':
      return ckanPackage(ctx, await findPackage(ctx, p.id));
    case 'resource_show': {
      const id = String(p.id ?? '').trim();
      if (!id) throw new CkanError(409, 'Validation Error', 'id missing', { id: ['Missing value'] });
      const all = await searchOpenDatasets(ctx.em, { sort: 'name', page: 1, pageSize: 1 }, { limit: 1_000_000, offset: 0 });
      for (const d of all.items) {
        const r = resources(ctx, d).find((x) => x.id === id);
        if (r) return r;
      }
      throw new CkanError(404, 'Not Found Error', 'Not found: Resource was not found.');
    }
    case 'organization_list': {
      const departments = await openDepartments(ctx.em);
      const allFields = ['true', '1', 'True', true].includes(p.all_fields as string);
      return allFields ? departments.map((d) => organization(d, d.datasets)) : departments.map((d) => organizationName(d.code));
    }
    case 'organization_show': {
      const id = String(p.id ?? '').trim();
      if (!id) throw new CkanError(409, 'Validation Error', 'id missing', { id: ['Missing value'] });
      const d = (await openDepartments(ctx.em)).find((x) => organizationName(x.code) === id || ckanId('organization', x.code) === id);
      if (!d) throw new CkanError(404, 'Not Found Error', 'Not found: Organization was not found.');
      const withDatasets = ['true', '1', 'True', true].includes(p.include_datasets as string);
      const packages = withDatasets ? (await searchOpenDatasets(ctx.em, { sort: 'name', page: 1, pageSize: 1, department: d.id }, { limit: 1000, offset: 0 })).items.map((x) => ckanPackage(ctx, x)) : undefined;
      return { ...organization(d, d.datasets), ...(packages ? { packages } : {}) };
    }
    case 'group_list': {
      const all = await searchOpenDatasets(ctx.em, { sort: 'name', page: 1, pageSize: 1 }, { limit: 0, offset: 0 });
      const allFields = ['true', '1', 'True', true].includes(p.all_fields as string);
      return allFields ? all.facets.theme.map((t) => group(t.label, t.count)) : all.facets.theme.map((t) => groupName(t.label));
    }
    case 'tag_list': {
      const all = await searchOpenDatasets(ctx.em, { sort: 'name', page: 1, pageSize: 1 }, { limit: 0, offset: 0 });
      const names = [...all.facets.theme, ...all.facets.format, ...all.facets.updateCycle, ...all.facets.openType].map((f) => f.label);
      const query = String(p.query ?? '').trim();
      return [...new Set(names)].filter((n) => !query || n.includes(query)).sort((a, b) => a.localeCompare(b, 'zh-CN'));
    }
    default:
      throw new CkanError(400, 'Bad Request', `Bad request - Action name not known: ${action}`);
  }
}

export const CKAN_ACTIONS = ['status_show', 'package_list', 'package_search', 'package_show', 'resource_show', 'organization_list', 'organization_show', 'group_list', 'tag_list'] as const;
