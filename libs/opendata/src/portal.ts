import type { EntityManager } from '@mikro-orm/knex';
import type { Knex } from '@mikro-orm/knex';
import {
  BASE_LIBRARY_LABELS,
  DESENSITIZATION_LABELS,
  ITEM_DATA_TYPE_LABELS,
  NotFoundError,
  OPEN_LICENSE,
  OPEN_TYPE_LABELS,
  RESOURCE_FORMAT_LABELS,
  UPDATE_CYCLE_LABELS,
  isBaseLibrary,
  OPEN_DOWNLOAD_FORMATS,
  publicItems,
  type OpenDatasetDto,
  type OpenDatasetQuery,
  type OpenDatasetSummaryDto,
  type OpenDepartmentDto,
  type OpenSearchResultDto,
  type PortalHomeDto,
  type ResourceFormat,
  type ResourceType,
  type UpdateCycle,
} from '@govdata/domain';
import { fromSqlTime, isPostgres } from '@govdata/core';
import { CatalogEntryVersion, CatalogItem } from '@govdata/catalog';
import { DatasetVersion } from '@govdata/gateway';
import { filesOf } from './files';
import { countUsage, usageOf } from './usage';

/**
 * The public side of the open catalog (第二十二条): what the portal, the CKAN Action API and the DCAT feed read. Only
 * datasets the bureau published and has not withdrawn, of entries still published, are ever visible; items are
 * filtered by `isOpenItem` (涉密 never, sensitive only masked).
 */

/** 主题: the base library, the thematic library, or 部门数据 for a department's own resources. */
export const DEPARTMENT_THEME = 'department';
export function themeOf(resourceType: ResourceType, library: string | null): { value: string; label: string } {
  if (resourceType === 'department' || !library) return { value: DEPARTMENT_THEME, label: '部门数据' };
  return { value: library, label: isBaseLibrary(library) ? `${BASE_LIBRARY_LABELS[library]}库` : library };
}

interface Row {
  name: string;
  entry_id: number;
  code: string;
  title: string;
  summary: string;
  department_id: number;
  department_name: string;
  department_code: string;
  resource_type: ResourceType;
  library: string | null;
  format: ResourceFormat;
  open_type: 'open' | 'on_application';
  update_cycle: UpdateCycle;
  data_updated_at: string | null;
  published_at: unknown;
  modified_at: unknown;
  views: number;
  downloads: number;
  dataset_id: number;
  live_version: number | null;
}

const knexOf = (em: EntityManager): Knex => em.getKnex();

/** Filters beyond the portal's: `hasData` — 无条件开放 with a live data version (CKAN's res_format:CSV|XLSX|JSON). */
export type VisibleQuery = Partial<OpenDatasetQuery> & { hasData?: boolean };

const LIVE_DATA = "exists (select 1 from dataset_versions lv where lv.entry_id = e.id and lv.status = 'live')";

/** The visible datasets, joined to their entry and provider, with the query's filters except those named in `skip`. */
export function visibleDatasets(em: EntityManager, query: VisibleQuery, skip: ReadonlySet<string> = new Set()): Knex.QueryBuilder {
  return visible(em, query, skip);
}

function visible(em: EntityManager, query: VisibleQuery, skip: ReadonlySet<string> = new Set()): Knex.QueryBuilder {
  const k = knexOf(em);
  const qb = k('open_datasets as d')
    .join('catalog_entries as e', 'e.id', 'd.entry_id')
    .join('departments as dep', 'dep.id', 'e.provider_id')
    .whereNull('d.withdrawn_at')
    .where('e.status', 'published')
    .whereIn('e.open_type', ['open', 'on_application']);
  if (query.q) {
    const needle = query.q.toLowerCase();
    const contains = isPostgres(em) ? 'strpos(s.text, ?) > 0' : 'instr(s.text, ?) > 0';
    const matches = k('catalog_search as s').select('s.entry_id').whereRaw(contains, [needle]);
    // with a department, theme, format, cycle or open type chosen, the other filters narrow first and each of their
    // datasets' text is probed; without one, the matching ids as one set (one pass over the search texts) — a probe
    // per dataset of the whole catalog costs several times that pass
    const narrowed = (['department', 'theme', 'format', 'updateCycle', 'openType'] as const).some((f) => query[f] !== undefined && query[f] !== '' && !skip.has(f));
    if (narrowed) qb.whereExists(matches.clone().clearSelect().select(k.raw('1')).whereRaw('s.entry_id = e.id'));
    else qb.whereIn('e.id', matches);
  }
  if (query.department !== undefined && !skip.has('department')) qb.where('e.provider_id', query.department);
  if (query.theme && !skip.has('theme')) {
    if (query.theme === DEPARTMENT_THEME) qb.where((w) => w.where('e.resource_type', 'department').orWhereNull('e.library'));
    else qb.where('e.library', query.theme).whereNot('e.resource_type', 'department');
  }
  if (query.format && !skip.has('format')) qb.where('e.format', query.format);
  if (query.updateCycle && !skip.has('updateCycle')) qb.where('e.update_cycle', query.updateCycle);
  if (query.openType && !skip.has('openType')) qb.where('e.open_type', query.openType);
  if (query.hasData) qb.where('e.open_type', 'open').whereRaw(LIVE_DATA);
  return qb;
}

const COLUMNS = [
  'd.name',
  'd.entry_id',
  'e.code',
  'e.name as title',
  'e.summary',
  'e.provider_id as department_id',
  'dep.name as department_name',
  'dep.code as department_code',
  'e.resource_type',
  'e.library',
  'e.format',
  'e.open_type',
  'e.update_cycle',
  'e.data_updated_at',
  'd.published_at',
  'e.updated_at as modified_at',
  'd.views',
  'd.downloads',
  'd.id as dataset_id',
];

/** The page's columns and the live data version's number (null without one): one index seek per row shown. */
const columnsOf = (em: EntityManager) => [...COLUMNS, knexOf(em).raw("(select max(lv.version) from dataset_versions lv where lv.entry_id = e.id and lv.status = 'live') as live_version")];

function summaryOf(r: Row): OpenDatasetSummaryDto {
  return {
    name: r.name,
    code: r.code,
    title: r.title,
    summary: r.summary,
    department: { id: Number(r.department_id), code: r.department_code, name: r.department_name },
    theme: themeOf(r.resource_type, r.library).label,
    resourceType: r.resource_type,
    format: r.format,
    openType: r.open_type,
    updateCycle: r.update_cycle,
    labels: { format: RESOURCE_FORMAT_LABELS[r.format], openType: OPEN_TYPE_LABELS[r.open_type], updateCycle: UPDATE_CYCLE_LABELS[r.update_cycle] },
    // files only for 无条件开放 with a live data version (第二十三条); 依申请开放 data needs an application (第二十四条)
    downloadFormats: r.open_type === 'open' && r.live_version !== null && r.live_version !== undefined ? [...OPEN_DOWNLOAD_FORMATS] : [],
    dataUpdatedAt: r.data_updated_at,
    publishedAt: fromSqlTime(r.published_at).toISOString(),
    modifiedAt: fromSqlTime(r.modified_at).toISOString(),
    views: Number(r.views),
    downloads: Number(r.downloads),
  };
}

/** One combination of the facet columns and how many visible datasets have it. */
interface Combo {
  provider_id: number | string;
  dep_name: string;
  resource_type: ResourceType;
  library: string | null;
  format: ResourceFormat;
  update_cycle: UpdateCycle;
  open_type: 'open' | 'on_application';
  n: number | string;
}

/** 检索: text, facets (department, theme, format, update cycle, open type), sorted and paged in SQL. */
export async function searchOpenDatasets(
  em: EntityManager,
  query: OpenDatasetQuery & { hasData?: boolean },
  /** a window other than the page's (the CKAN API pages by rows/start) */
  window: { limit: number; offset: number } = { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  /**
   * What the facets count: `others` (the portal's search page) — each facet over the results of the other filters,
   * so a person can widen a choice; `result` (CKAN's package_search, as Solr counts them) — the datasets found, every
   * filter applied.
   */
  facetScope: 'others' | 'result' = 'others',
): Promise<OpenSearchResultDto> {
  const base = visible(em, query);
  const order: Record<OpenDatasetQuery['sort'], Array<[string, 'asc' | 'desc']>> = {
    relevance: [['d.downloads', 'desc'], ['e.updated_at', 'desc']],
    newest: [['d.published_at', 'desc']],
    modified: [['e.updated_at', 'desc']],
    name: [['e.code', 'asc']],
  };
  const page = base.clone().select(columnsOf(em));
  for (const [col, dir] of order[query.sort]) page.orderBy(col, dir);
  page.orderBy('d.id', 'asc').limit(window.limit).offset(window.offset);
  if (query.q && query.sort === 'relevance') {
    // a title that contains the words first
    page.clearOrder().orderByRaw(isPostgres(em) ? 'case when strpos(lower(e.name), ?) > 0 then 0 else 1 end' : 'case when instr(lower(e.name), ?) > 0 then 0 else 1 end', [query.q.toLowerCase()]);
    for (const [col, dir] of order.relevance) page.orderBy(col, dir);
    page.orderBy('d.id', 'asc');
  }
  // one grouped scan gives the total and every facet: the combinations of the facet columns under the text query
  // (and hasData); each facet then counts the combinations that pass the other filters, as a facet query would
  // with its own filter left out — two statements instead of seven
  const [rows, combos] = await Promise.all([
    page as unknown as Promise<Row[]>,
    visible(em, facetScope === 'result' ? query : { q: query.q, hasData: query.hasData })
      .select(['e.provider_id', 'dep.name as dep_name', 'e.resource_type', 'e.library', 'e.format', 'e.update_cycle', 'e.open_type', knexOf(em).raw('count(*) as n')])
      .groupBy(['e.provider_id', 'dep.name', 'e.resource_type', 'e.library', 'e.format', 'e.update_cycle', 'e.open_type']) as unknown as Promise<Combo[]>,
  ]);
  const passes = (c: Combo, skip: string | null) =>
    (skip === 'department' || query.department === undefined || Number(c.provider_id) === query.department) &&
    (skip === 'theme' || !query.theme || themeOf(c.resource_type, c.library).value === query.theme) &&
    (skip === 'format' || !query.format || c.format === query.format) &&
    (skip === 'updateCycle' || !query.updateCycle || c.update_cycle === query.updateCycle) &&
    (skip === 'openType' || !query.openType || c.open_type === query.openType);
  const countBy = <K extends string>(skip: string, key: (c: Combo) => K) => {
    const out = new Map<K, { combo: Combo; n: number }>();
    for (const c of combos) {
      if (!passes(c, skip)) continue;
      const k = key(c);
      out.set(k, { combo: out.get(k)?.combo ?? c, n: (out.get(k)?.n ?? 0) + Number(c.n) });
    }
    return [...out.entries()];
  };
  const total = combos.filter((c) => passes(c, null)).reduce((sum, c) => sum + Number(c.n), 0);
  const dep = countBy('department', (c) => String(c.provider_id)).map(([value, { combo, n }]) => ({ provider_id: value, name: combo.dep_name, n }));
  const themes = new Map(countBy('theme', (c) => themeOf(c.resource_type, c.library).value).map(([value, { combo, n }]) => [value, { ...themeOf(combo.resource_type, combo.library), count: n }]));
  const fmt = countBy('format', (c) => c.format).map(([format, { n }]) => ({ format, n }));
  const cyc = countBy('updateCycle', (c) => c.update_cycle).map(([update_cycle, { n }]) => ({ update_cycle, n }));
  const typ = countBy('openType', (c) => c.open_type).map(([open_type, { n }]) => ({ open_type, n }));
  const byCount = <T extends { count: number; label: string }>(a: T, b: T) => b.count - a.count || a.label.localeCompare(b.label, 'zh-CN');
  return {
    items: rows.map(summaryOf),
    total,
    page: query.page,
    pageSize: query.pageSize,
    facets: {
      department: dep.map((r) => ({ value: String(r.provider_id), label: String(r.name), count: Number(r.n) })).sort(byCount),
      theme: [...themes.values()].sort(byCount),
      format: fmt.map((r) => ({ value: String(r.format), label: RESOURCE_FORMAT_LABELS[r.format as ResourceFormat], count: Number(r.n) })).sort(byCount),
      updateCycle: cyc.map((r) => ({ value: String(r.update_cycle), label: UPDATE_CYCLE_LABELS[r.update_cycle as UpdateCycle], count: Number(r.n) })).sort(byCount),
      openType: typ.map((r) => ({ value: String(r.open_type), label: OPEN_TYPE_LABELS[r.open_type as 'open'], count: Number(r.n) })).sort(byCount),
    },
  };
}

/**
 * One open dataset by its public name, with its open items, update history, live data and usage; counts a view (on
 * the day of `countViewAt`, real time) when asked.
 */
export async function getOpenDataset(em: EntityManager, name: string, options: { countViewAt?: Date; at?: Date } = {}): Promise<OpenDatasetDto> {
  const [row] = (await visible(em, {}).where('d.name', name).select([...columnsOf(em), 'e.class_code', 'e.open_conditions', 'e.data_range', 'e.application_scenarios', 'e.current_version'])) as Array<
    Row & { class_code: string; open_conditions: string | null; data_range: string | null; application_scenarios: string | null; current_version: number }
  >;
  if (!row) throw new NotFoundError(`开放数据集 ${name} 不存在或已撤回`, 'opendata.not_found');
  if (options.countViewAt) {
    await countUsage(em, Number(row.dataset_id), 'views', options.countViewAt);
    row.views = Number(row.views) + 1;
  }
  const [items, versions, dataVersions, usage] = await Promise.all([
    em.find(CatalogItem, { entry: row.entry_id, removedAt: null }, { orderBy: { position: 'asc' } }),
    em.find(CatalogEntryVersion, { entry: row.entry_id }, { orderBy: { version: 'desc' }, fields: ['version', 'changedAt', 'note', 'diff'], limit: 20 }),
    em.find(DatasetVersion, { entry: row.entry_id, status: { $in: ['live', 'superseded'] } }, { orderBy: { version: 'desc' }, fields: ['id', 'version', 'rows', 'status', 'publishedAt', 'uploadedAt', 'columns'], limit: 20 }),
    usageOf(em, { id: Number(row.dataset_id), entryId: Number(row.entry_id), views: Number(row.views), downloads: Number(row.downloads) }, options.at ?? options.countViewAt ?? new Date()),
  ]);
  const open = publicItems(items);
  const live = dataVersions.find((v) => v.status === 'live');
  const openIds = new Set(open.map((i) => i.id));
  return {
    ...summaryOf(row),
    classCode: row.class_code,
    openConditions: row.open_conditions,
    dataRange: row.data_range,
    applicationScenarios: row.application_scenarios,
    version: Number(row.current_version),
    license: { ...OPEN_LICENSE },
    // the columns of every download and of the preview (publicItems: one rule for the list and the files)
    items: open.map((i) => {
      const desensitization = i.served;
      return { name: i.name, dataType: i.dataType, description: i.description ?? null, desensitization, labels: { dataType: ITEM_DATA_TYPE_LABELS[i.dataType], desensitization: DESENSITIZATION_LABELS[desensitization] } };
    }),
    history: versions.map((v) => ({
      version: v.version,
      publishedAt: v.changedAt.toISOString(),
      summary: v.note ?? (v.version === 1 ? '首次发布' : `更新 ${v.diff.length} 项：${v.diff.slice(0, 4).map((c) => c.label).join('、')}${v.diff.length > 4 ? ' 等' : ''}`),
    })),
    data:
      live && row.open_type === 'open'
        ? { version: live.version, rows: live.rows, publishedAt: (live.publishedAt ?? live.uploadedAt).toISOString(), columns: live.columns.filter((c) => openIds.has(c.itemId)).length, files: await filesOf(em, row.name, live.id) }
        : null,
    dataHistory: dataVersions.map((v) => ({ version: v.version, rows: v.rows, publishedAt: (v.publishedAt ?? v.uploadedAt).toISOString(), live: v.status === 'live' })),
    usage,
  };
}

/** The themes the catalog can hold (distinct resource type and library: an index scan, no count). */
export async function themeChoices(em: EntityManager): Promise<Array<{ value: string; label: string }>> {
  const rows = (await knexOf(em)('catalog_entries').distinct('resource_type', 'library')) as Array<{ resource_type: ResourceType; library: string | null }>;
  const out = new Map<string, { value: string; label: string }>();
  for (const r of rows) {
    const t = themeOf(r.resource_type, r.library);
    out.set(t.value, t);
  }
  return [...out.values()];
}

/** The departments that open data, with how many datasets each. */
export async function openDepartments(em: EntityManager): Promise<OpenDepartmentDto[]> {
  const rows = (await visible(em, {}).select(['e.provider_id', 'dep.name', 'dep.code', knexOf(em).raw('count(*) as n')]).groupBy(['e.provider_id', 'dep.name', 'dep.code'])) as Array<{ provider_id: number; name: string; code: string; n: number | string }>;
  return rows.map((r) => ({ id: Number(r.provider_id), code: r.code, name: r.name, datasets: Number(r.n) })).sort((a, b) => b.datasets - a.datasets || a.name.localeCompare(b.name, 'zh-CN'));
}

/** The portal's home page: counts, newest and most used datasets, departments and themes. */
export async function portalHome(em: EntityManager): Promise<PortalHomeDto> {
  const [newest, popular, departments, all] = await Promise.all([
    searchOpenDatasets(em, { sort: 'newest', page: 1, pageSize: 6 }),
    searchOpenDatasets(em, { sort: 'relevance', page: 1, pageSize: 6 }),
    openDepartments(em),
    visible(em, {}).select('e.open_type', knexOf(em).raw('count(*) as n')).groupBy('e.open_type') as unknown as Promise<Array<{ open_type: string; n: number | string }>>,
  ]);
  const count = (t: string) => Number(all.find((r) => r.open_type === t)?.n ?? 0);
  return {
    counts: { datasets: newest.total, departments: departments.length, open: count('open'), onApplication: count('on_application') },
    newest: newest.items,
    popular: popular.items,
    departments: departments.slice(0, 12),
    themes: newest.facets.theme,
  };
}
