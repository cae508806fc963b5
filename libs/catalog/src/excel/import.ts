import type { EntityManager } from '@mikro-orm/knex';
import { shanghaiDate } from '@govdata/workdays';
import {
  canEditEntry,
  DomainError,
  entryInputSchema,
  ForbiddenError,
  ImportRejectedError,
  isBureau,
  resolveNewEntryProvider,
  type Actor,
  type EntryInput,
  type ImportIssue,
  type ImportPreviewDto,
  type ImportResultDto,
} from '@govdata/domain';
import { CatalogEntry } from '../entities/catalog-entry.entity';
import { Department, type IDepartment } from '@govdata/core';
import { applyEntryUpdate, createEntry } from '../entries';
import { leadKey, loadLeads, type LeadMap } from '../leads';
import { inputOf, type EntryAggregate } from '../model';
import { loadAggregates } from './export';
import { ENTRY_COLUMNS, ENTRY_SHEET, ITEM_COLUMNS, ITEM_SHEET } from './layout';
import { issueAt, parseWorkbook, type SheetRow } from './parse';

/**
 * Bulk create and update from the department workbook: every row is validated with the same schema as the API, each
 * problem reported on its sheet, row and column; nothing is saved when any row fails, unless the caller chose to
 * import the valid rows only.
 */

interface Plan {
  row: number;
  code: string | null;
  name: string;
  action: 'create' | 'update' | 'unchanged' | 'invalid';
  changes: string[];
  itemCount: number;
  errors: ImportIssue[];
  input?: EntryInput;
  existing?: EntryAggregate;
}

const entryIssue = (row: number, field: string | null, message: string) => issueAt(ENTRY_SHEET, row, ENTRY_COLUMNS, field, message);
const itemIssue = (row: number, field: string | null, message: string) => issueAt(ITEM_SHEET, row, ITEM_COLUMNS, field, message);

/** Stable JSON (sorted keys) so that "unchanged" means equal, whatever the key order. */
const canonical = (v: unknown): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

function changedFields(before: EntryInput, after: EntryInput): string[] {
  const labels: string[] = [];
  const norm = (i: EntryInput) => ({ ...i, dedicatedDepartmentIds: [...i.dedicatedDepartmentIds].sort((a, b) => a - b) });
  const a = norm(before) as unknown as Record<string, unknown>;
  const b = norm(after) as unknown as Record<string, unknown>;
  for (const c of ENTRY_COLUMNS) {
    if (!c.field || c.field === '#' || c.field === 'code') continue;
    const key = c.field === 'dedicatedDepartments' ? 'dedicatedDepartmentIds' : c.field === 'provider' ? 'providerId' : c.field;
    const get = (o: Record<string, unknown>) => key.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown> | undefined)?.[k], o);
    if (canonical(get(a) ?? null) !== canonical(get(b) ?? null)) labels.push(c.header);
  }
  if (canonical(before.items) !== canonical(after.items)) labels.push('信息项');
  return labels;
}

async function plan(em: EntityManager, actor: Actor, buffer: Buffer, defaultProviderId: number, now: Date): Promise<{ plans: Plan[]; fileIssues: ImportIssue[] }> {
  const parsed = await parseWorkbook(buffer);
  const issuesByRow = new Map<string, ImportIssue[]>();
  const push = (key: string, i: ImportIssue) => (issuesByRow.get(key) ?? issuesByRow.set(key, []).get(key))?.push(i);
  for (const i of parsed.issues) push(`${i.sheet}:${i.row}`, i);

  // items by the 序号 of their resource
  const keys = new Map<number, SheetRow>();
  const fileIssues: ImportIssue[] = [];
  for (const e of parsed.entries) {
    const k = e.values['#'] as number | undefined;
    if (k === undefined) push(`${ENTRY_SHEET}:${e.row}`, entryIssue(e.row, '#', '请填写序号（信息项表按序号关联资源）'));
    else if (keys.has(k)) push(`${ENTRY_SHEET}:${e.row}`, entryIssue(e.row, '#', `序号 ${k} 与第 ${keys.get(k)?.row} 行重复`));
    else keys.set(k, e);
  }
  const itemsOf = new Map<number, SheetRow[]>();
  for (const it of parsed.items) {
    const k = it.values['#'] as number | undefined;
    if (k === undefined || !keys.has(k)) {
      fileIssues.push(itemIssue(it.row, '#', k === undefined ? '请填写资源序号' : `资源序号 ${k} 在“${ENTRY_SHEET}”表中不存在`));
      continue;
    }
    (itemsOf.get(k) ?? itemsOf.set(k, []).get(k))?.push(it);
  }

  const departments = await em.find(Department, {});
  const byName = new Map<string, IDepartment>();
  for (const d of departments) {
    byName.set(d.name, d);
    if (d.shortName) byName.set(d.shortName, d);
  }
  const codes = parsed.entries.map((e) => e.values.code).filter((c): c is string => typeof c === 'string');
  const related = parsed.entries.flatMap((e) => (e.values.relatedCodes as string[] | undefined) ?? []);
  const existing = new Map((await loadAggregates(em, { code: { $in: codes } })).map((a) => [a.entry.code, a]));
  const knownCodes = new Set((await em.find(CatalogEntry, { code: { $in: [...new Set(related)] } }, { fields: ['code'] })).map((e) => e.code));
  const leads = await loadLeads(em);
  const today = shanghaiDate(now);
  const seenCodes = new Map<string, number>();

  const plans = parsed.entries.map((e) => {
    const errors = [...(issuesByRow.get(`${ENTRY_SHEET}:${e.row}`) ?? [])];
    const itemRows = itemsOf.get(e.values['#'] as number) ?? [];
    for (const it of itemRows) errors.push(...(issuesByRow.get(`${ITEM_SHEET}:${it.row}`) ?? []));
    const code = (e.values.code as string | null | undefined) ?? null;
    const p: Plan = { row: e.row, code, name: String(e.values.name ?? ''), action: 'invalid', changes: [], itemCount: itemRows.length, errors };
    const found = code ? existing.get(code) : undefined;
    // another department's draft is invisible to this actor: answer exactly as for a code that does not exist,
    // so the preview does not tell whether it does (issue 13 item 6)
    const current = found && (found.entry.status !== 'draft' || mayEdit(actor, found, leads)) ? found : undefined;
    if (code) {
      if (seenCodes.has(code)) errors.push(entryIssue(e.row, 'code', `资源代码 ${code} 与第 ${seenCodes.get(code)} 行重复`));
      seenCodes.set(code, e.row);
      if (!current) errors.push(entryIssue(e.row, 'code', `资源代码 ${code} 不存在；新增资源请将资源代码留空`));
    }
    const raw = resolveReferences(e, itemRows, byName, knownCodes, current, actor, defaultProviderId, today, errors);
    const result = entryInputSchema.safeParse(raw);
    if (!result.success) {
      for (const i of result.error.issues) {
        const issue = locate(i.path, i.code === 'invalid_type' ? null : i.message, e, itemRows, raw);
        // a cell that did not parse already has its message; the schema's would only repeat it
        if (!errors.some((x) => x.sheet === issue.sheet && x.row === issue.row && x.column === issue.column)) errors.push(issue);
      }
    }
    if (errors.length || !result.success) return { ...p, errors };
    const input = result.data;
    permissionIssue(actor, input, current, leads, e.row, errors);
    if (errors.length) return { ...p, errors };
    if (!current) return { ...p, action: 'create' as const, input, errors };
    const changes = changedFields(inputOf(current), input);
    return { ...p, action: changes.length ? ('update' as const) : ('unchanged' as const), changes, input, existing: current, errors };
  });
  return { plans, fileIssues };
}

/** Department names, item ids, related codes and dates become what the schema validates. */
function resolveReferences(e: SheetRow, itemRows: SheetRow[], byName: Map<string, IDepartment>, knownCodes: Set<string>, current: EntryAggregate | undefined, actor: Actor, defaultProviderId: number, today: string, errors: ImportIssue[]): Record<string, unknown> {
  const v = e.values;
  const raw: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(v)) {
    if (k === '#' || k === 'code' || k === 'dedicatedDepartments' || k === 'provider') continue;
    if (k.startsWith('internalReview.')) ((raw.internalReview ??= {}) as Record<string, unknown>)[k.slice('internalReview.'.length)] = value;
    else raw[k] = value;
  }
  raw.internalReview ??= {};
  const providerName = v.provider as string | null | undefined;
  const provider = providerName ? byName.get(providerName) : undefined;
  if (providerName && !provider) errors.push(entryIssue(e.row, 'provider', `部门“${providerName}”不存在，请填写部门全称`));
  const providerId = provider?.id ?? current?.provider.id ?? defaultProviderId;
  // only the bureau files under another department's name or moves an entry to another provider
  if (!isBureau(actor) && providerId !== (current?.provider.id ?? actor.departmentId)) errors.push(entryIssue(e.row, 'provider', current ? '只有平台管理员可以变更资源的提供部门' : '提供部门只能是本部门；由平台管理员代为编制时才可填写其他部门'));
  raw.providerId = providerId;
  raw.dedicatedDepartmentIds = ((v.dedicatedDepartments as string[] | undefined) ?? []).flatMap((name) => {
    const d = byName.get(name);
    if (!d) errors.push(entryIssue(e.row, 'dedicatedDepartments', `专用部门“${name}”不存在，请填写部门全称`));
    else if (d.id === providerId) errors.push(entryIssue(e.row, 'dedicatedDepartments', '专用部门是使用部门名单，不能包含提供部门自身'));
    return d ? [d.id] : [];
  });
  for (const code of (v.relatedCodes as string[] | undefined) ?? []) {
    if (/^[123]\d{5}(\d{3})?\/\d{6}$/.test(code) && !knownCodes.has(code)) errors.push(entryIssue(e.row, 'relatedCodes', `关联资源代码 ${code} 不存在`));
  }
  if (typeof v.dataUpdatedAt === 'string' && v.dataUpdatedAt > today) errors.push(entryIssue(e.row, 'dataUpdatedAt', '数据更新日期不能晚于今天'));
  if (current && typeof v.classCode === 'string' && v.classCode !== current.entry.classCode && current.entry.status !== 'draft') {
    errors.push(entryIssue(e.row, 'classCode', '已发布资源的分类代码不能修改（资源代码由其生成且不可变更）'));
  }
  const liveIds = new Set(current?.items.map((i) => i.id) ?? []);
  raw.items = itemRows.map((it) => {
    const item: Record<string, unknown> = {};
    for (const [k, value] of Object.entries(it.values)) if (k !== '#' && !(k === 'id' && value === null)) item[k] = value;
    if (typeof item.id === 'number' && !liveIds.has(item.id)) errors.push(itemIssue(it.row, 'id', `信息项标识 ${item.id} 不属于该资源；新增信息项请将标识留空`));
    return item;
  });
  return raw;
}

/**
 * A schema issue at the cell it is about. `message` is null for a missing value of the wrong type (an empty cell):
 * "不能为空" says it better than the schema's type message; the rules' own messages are kept.
 */
function locate(path: PropertyKey[], message: string | null, e: SheetRow, itemRows: SheetRow[], raw: Record<string, unknown>): ImportIssue {
  const [head, second, third] = path.map(String);
  if (head === 'items' && second !== undefined && itemRows[Number(second)]) {
    return itemIssue(itemRows[Number(second)].row, third ?? 'name', message ?? '不能为空');
  }
  if (head === 'items') return entryIssue(e.row, '#', `${message ?? '不能为空'}（在“${ITEM_SHEET}”表中按序号填写信息项）`);
  const field = head === 'internalReview' ? `internalReview.${second}` : head === 'dedicatedDepartmentIds' ? 'dedicatedDepartments' : head === 'providerId' ? 'provider' : head;
  void raw;
  return entryIssue(e.row, field, message ?? '不能为空');
}

function mayEdit(actor: Actor, current: EntryAggregate, leads: LeadMap): boolean {
  const e = current.entry;
  return canEditEntry(actor, { providerId: current.provider.id, resourceType: e.resourceType, library: e.library ?? null, status: e.status }, leads.get(leadKey(e.resourceType, e.library)) ?? null);
}

function permissionIssue(actor: Actor, input: EntryInput, current: EntryAggregate | undefined, leads: LeadMap, row: number, errors: ImportIssue[]): void {
  try {
    if (!current) {
      resolveNewEntryProvider(actor, input, leads.get(leadKey(input.resourceType, input.library)) ?? null);
      return;
    }
    if (!mayEdit(actor, current, leads)) errors.push(entryIssue(row, 'code', '无权修改该资源（只能修改本部门维护的资源目录）'));
  } catch (err) {
    if (err instanceof DomainError) errors.push(entryIssue(row, input.resourceType === 'department' ? 'provider' : 'library', err.message));
    else throw err;
  }
}

function previewOf(plans: Plan[], fileIssues: ImportIssue[]): ImportPreviewDto {
  const rows = plans.map(({ input: _i, existing: _e, ...p }) => p);
  const count = (a: Plan['action']) => plans.filter((p) => p.action === a).length;
  return {
    rows,
    errors: [...fileIssues, ...plans.flatMap((p) => p.errors)],
    summary: { total: plans.length, create: count('create'), update: count('update'), unchanged: count('unchanged'), invalid: count('invalid') },
  };
}

async function defaultProvider(em: EntityManager, actor: Actor, departmentId: number | undefined): Promise<number> {
  if (departmentId === undefined || departmentId === actor.departmentId) return actor.departmentId;
  if (!isBureau(actor)) throw new ForbiddenError('只能导入本部门的资源目录', 'catalog.other_department');
  await em.findOneOrFail(Department, departmentId);
  return departmentId;
}

/** What the upload would do, row by row — nothing is written. */
export async function previewImport(em: EntityManager, actor: Actor, buffer: Buffer, opts: { departmentId?: number }, now: Date): Promise<ImportPreviewDto> {
  const { plans, fileIssues } = await plan(em, actor, buffer, await defaultProvider(em, actor, opts.departmentId), now);
  return previewOf(plans, fileIssues);
}

/** Saves the upload in one transaction: all rows, or (validOnly) the valid ones; otherwise 400 and nothing saved. */
export async function importCatalog(em: EntityManager, actor: Actor, buffer: Buffer, opts: { validOnly: boolean; departmentId?: number }, now: Date): Promise<ImportResultDto> {
  const provider = await defaultProvider(em, actor, opts.departmentId);
  const { plans, fileIssues } = await plan(em, actor, buffer, provider, now);
  const preview = previewOf(plans, fileIssues);
  if (preview.errors.length && !opts.validOnly) {
    throw new ImportRejectedError(`导入文件有 ${preview.errors.length} 处问题，未保存任何数据。${preview.errors[0].message}`, preview.errors, preview.summary);
  }
  const created: ImportResultDto['created'] = [];
  const updated: ImportResultDto['updated'] = [];
  for (const p of plans) {
    if (!p.input) continue;
    if (p.action === 'create') {
      const r = await createEntry(em, actor, p.input, now, `${ENTRY_SHEET}!${p.row}`);
      created.push({ id: r.id, code: r.code, row: p.row });
    } else if (p.action === 'update' && p.existing) {
      const r = await applyEntryUpdate(em, actor, p.existing, p.input, '批量导入（Excel）', now, `${ENTRY_SHEET}!${p.row}`);
      updated.push({ id: p.existing.entry.id, code: p.existing.entry.code, row: p.row, version: r.version ?? p.existing.entry.currentVersion });
    }
  }
  return { ...preview, saved: created.length + updated.length > 0, created, updated };
}
