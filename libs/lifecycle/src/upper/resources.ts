import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import ExcelJS from 'exceljs';
import {
  ConflictError,
  fromLabel,
  NotFoundError,
  UPPER_LEVEL_LABELS,
  upperResourceInputSchema,
  ValidationError,
  type Actor,
  type FieldIssue,
  type Page,
  type UpperImportResultDto,
  type UpperResourceDto,
  type UpperResourceInput,
  type UpperResourceQuery,
} from '@govdata/domain';
import { assertXlsxBounded, audit, containsText } from '@govdata/core';
import { UpperNeed } from './entities/upper-need.entity';
import { UpperResource, type IUpperResource } from './entities/upper-resource.entity';

// ── the catalog of upper-level resources (第十八条) ──────────────────────────────────────────────────────────────

export async function getUpperResource(em: EntityManager, id: number): Promise<UpperResourceDto> {
  const r = await em.findOne(UpperResource, id);
  if (!r) throw new NotFoundError(`上级资源 ${id} 不存在`, 'upper.resource_not_found');
  return (await resourceDtos(em, [r]))[0] as UpperResourceDto;
}

/** 上级数据目录: every user reads it (departments state their needs against it). */
export async function listUpperResources(em: EntityManager, query: UpperResourceQuery): Promise<Page<UpperResourceDto>> {
  const and: FilterQuery<IUpperResource>[] = [];
  if (query.level) and.push({ level: query.level });
  if (query.q) {
    const like = containsText(em, query.q);
    and.push({ $or: [{ name: like }, { code: like }, { holder: like }, { system: like }] });
  }
  const [rows, total] = await em.findAndCount(UpperResource, and.length ? { $and: and } : {}, { orderBy: { level: 'desc', code: 'asc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items: await resourceDtos(em, rows), total, page: query.page, pageSize: query.pageSize };
}

async function resourceDtos(em: EntityManager, rows: IUpperResource[]): Promise<UpperResourceDto[]> {
  const ids = rows.map((r) => r.id);
  const open = ids.length ? await em.find(UpperNeed, { resource: { $in: ids }, status: 'submitted' }, { fields: ['id', 'resource'] }) : [];
  const counts = new Map<number, number>();
  for (const n of open) counts.set(n.resource.id, (counts.get(n.resource.id) ?? 0) + 1);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    holder: r.holder,
    level: r.level,
    system: r.system,
    items: r.items,
    howToApply: r.howToApply,
    note: r.note ?? null,
    openNeeds: counts.get(r.id) ?? 0,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

const codeTaken = (code: string) => new ValidationError(`资源代码 ${code} 已在上级数据目录中`, [{ path: 'code', message: '资源代码已存在' }], 'upper.code_taken');

/** The bureau adds a resource to the catalog. */
export async function createUpperResource(em: EntityManager, actor: Actor, input: UpperResourceInput, now: Date): Promise<UpperResourceDto> {
  if (await em.count(UpperResource, { code: input.code })) throw codeTaken(input.code);
  const r = em.create(UpperResource, { ...input, note: input.note ?? null, createdAt: now, updatedAt: now });
  await em.flush();
  audit(em, { actor, action: 'upper_resource.create', subjectType: 'upper_resource', subjectId: r.id, after: { code: r.code, name: r.name, level: r.level }, at: now });
  return (await resourceDtos(em, [r]))[0] as UpperResourceDto;
}

/** The bureau edits a resource; the items needs already ask for stay valid (a removed item is refused while needed). */
export async function updateUpperResource(em: EntityManager, actor: Actor, id: number, input: UpperResourceInput, now: Date): Promise<UpperResourceDto> {
  const r = await em.findOne(UpperResource, id);
  if (!r) throw new NotFoundError(`上级资源 ${id} 不存在`, 'upper.resource_not_found');
  if (input.code !== r.code && (await em.count(UpperResource, { code: input.code }))) throw codeTaken(input.code);
  const open = await em.find(UpperNeed, { resource: id, status: { $in: ['submitted', 'consolidated'] } }, { fields: ['id', 'items'] });
  const dropped = [...new Set(open.flatMap((n) => n.items))].filter((i) => !input.items.includes(i));
  if (dropped.length) throw new ValidationError(`信息项“${dropped.join('、')}”仍有待办的部门需求，不能删除`, [{ path: 'items', message: '仍有待办需求申请了这些信息项' }], 'upper.items_in_use');
  const before = { code: r.code, name: r.name, holder: r.holder, level: r.level, system: r.system, items: r.items };
  em.assign(r, { ...input, note: input.note ?? null, updatedAt: now });
  audit(em, { actor, action: 'upper_resource.update', subjectType: 'upper_resource', subjectId: r.id, before, after: { code: r.code, name: r.name, holder: r.holder, level: r.level, system: r.system, items: r.items }, at: now });
  await em.flush();
  return (await resourceDtos(em, [r]))[0] as UpperResourceDto;
}

/** The bureau removes a resource nobody has asked for (a resource with needs stays: its history refers to it). */
export async function deleteUpperResource(em: EntityManager, actor: Actor, id: number, now: Date): Promise<{ ok: true }> {
  const r = await em.findOne(UpperResource, id);
  if (!r) throw new NotFoundError(`上级资源 ${id} 不存在`, 'upper.resource_not_found');
  if (await em.count(UpperNeed, { resource: id })) throw new ConflictError(`上级资源“${r.name}”已有部门需求，不能删除`, 'upper.resource_in_use');
  audit(em, { actor, action: 'upper_resource.delete', subjectType: 'upper_resource', subjectId: r.id, before: { code: r.code, name: r.name }, at: now });
  em.remove(r);
  await em.flush();
  return { ok: true };
}

// ── the province's list as Excel ─────────────────────────────────────────────────────────────────────────────────

export const UPPER_SHEET = '上级数据资源目录';
const GUIDE_SHEET = '填写说明';
export const MAX_UPPER_IMPORT_ROWS = 5000;
type Field = keyof UpperResourceInput;
const COLUMNS: { field: Field; header: string; width: number; hint: string }[] = [
  { field: 'code', header: '资源代码', width: 22, hint: '上级平台的资源代码，必填，唯一；已有的代码将更新该资源' },
  { field: 'name', header: '资源名称', width: 30, hint: '必填' },
  { field: 'holder', header: '上级单位', width: 24, hint: '提供资源的省级或国家级单位，必填' },
  { field: 'level', header: '层级', width: 10, hint: '“省级”或“国家级”' },
  { field: 'system', header: '所属系统', width: 24, hint: '提供该资源的上级系统，必填' },
  { field: 'items', header: '信息项', width: 40, hint: '信息项名称，用顿号“、”分隔，至少一项' },
  { field: 'howToApply', header: '申请方式', width: 36, hint: '如何向上级申请（平台、材料、条件），必填' },
  { field: 'note', header: '备注', width: 24, hint: '选填' },
];
const letter = (i: number) => String.fromCharCode(65 + i);
const splitList = (text: string) => [...new Set(text.split(/[、，,;；\n\r]+/).map((s) => s.trim()).filter(Boolean))];

/** The import template: the header row the import reads, an example row, and a sheet of notes. */
export async function upperResourceTemplate(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '朔州市政务数据共享开放平台';
  const ws = book.addWorksheet(UPPER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({ code: 'SX-GA-0001', name: '示例：山西省居民户籍信息', holder: '山西省公安厅', level: '省级', system: '山西省人口信息管理系统', items: '公民身份号码、姓名、户籍地址', howToApply: '通过山西省政务数据共享交换平台提交共享申请', note: '导入前请删除本示例行' });
  const guide = book.addWorksheet(GUIDE_SHEET);
  guide.columns = [{ header: '列', key: 'h', width: 14 }, { header: '填写要求', key: 'n', width: 70 }];
  guide.getRow(1).font = { bold: true };
  for (const c of COLUMNS) guide.addRow({ h: c.header, n: c.hint });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Cell text whatever exceljs returns (rich text, formulas, hyperlinks), trimmed. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('').trim();
    if (o.result !== undefined) return String(o.result ?? '').trim();
    if (o.text !== undefined) return String(o.text).trim();
    return '';
  }
  return String(v).trim();
}

const fileError = (message: string, code = 'upper.import_malformed') => new ValidationError(message, [], code);

/**
 * Reads the province's list: the upload is bounded first (parts, unpacked size, rows — streamed, before ExcelJS holds
 * anything), then every row is checked with the API's schema. Any problem → 400 naming each sheet, row and column,
 * and nothing is parsed further into the database.
 */
export async function parseUpperWorkbook(buffer: Buffer): Promise<{ row: number; input: UpperResourceInput }[]> {
  if (!buffer.length) throw fileError('上传的文件是空的，请选择填写好的 Excel（.xlsx）文件', 'upper.import_empty');
  if (buffer[0] !== 0x50 || buffer[1] !== 0x4b) throw fileError('上传的文件不是 Excel（.xlsx）文件，请使用平台下载的模板');
  await assertXlsxBounded(buffer, { maxRowsPerSheet: MAX_UPPER_IMPORT_ROWS + 100, rowsMessage: (max) => `工作表超过 ${max} 行上限（含空行），一次最多导入 ${MAX_UPPER_IMPORT_ROWS} 个上级资源` }).catch((e: unknown) => {
    throw e instanceof ValidationError && e.code === 'xlsx.malformed' ? fileError(e.message) : e;
  });
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw fileError('无法读取上传的文件：文件已损坏或不是有效的 Excel（.xlsx）文件');
  }
  const ws = book.getWorksheet(UPPER_SHEET);
  if (!ws) throw fileError(`不是上级数据资源目录模板：缺少工作表“${UPPER_SHEET}”，请下载模板后填写`, 'upper.import_wrong_template');
  COLUMNS.forEach((c, i) => {
    const text = cellText(ws.getRow(1).getCell(i + 1));
    if (text !== c.header) throw fileError(`不是上级数据资源目录模板：第 ${letter(i)} 列表头应为“${c.header}”，实际为“${text || '空'}”`, 'upper.import_wrong_template');
  });
  const issues: FieldIssue[] = [];
  const issue = (row: number, col: number, message: string) => {
    const where = col >= 0 ? `第 ${row} 行 第 ${letter(col)} 列（${COLUMNS[col]?.header}）` : `第 ${row} 行`;
    issues.push({ path: `${UPPER_SHEET}!${col >= 0 ? letter(col) : ''}${row}`, message: `“${UPPER_SHEET}”${where}：${message}` });
  };
  const rows: { row: number; input: UpperResourceInput }[] = [];
  const seen = new Map<string, number>();
  const last = ws.actualRowCount ? ws.rowCount : 0;
  for (let r = 2; r <= last; r++) {
    const texts = COLUMNS.map((_, i) => cellText(ws.getRow(r).getCell(i + 1)));
    if (texts.every((t) => t === '')) continue;
    const raw: Record<string, unknown> = {};
    COLUMNS.forEach((c, i) => {
      const text = texts[i] as string;
      if (c.field === 'items') raw.items = splitList(text);
      else if (c.field === 'level') raw.level = text ? (fromLabel(UPPER_LEVEL_LABELS, text) ?? text) : undefined;
      else if (text) raw[c.field] = text;
    });
    const parsed = upperResourceInputSchema.safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const col = COLUMNS.findIndex((c) => c.field === i.path[0]);
        const message = i.path[0] === 'level' ? `应填写“省级”或“国家级”` : i.code === 'invalid_type' && raw[String(i.path[0])] === undefined ? '必填，不能为空' : i.message;
        issue(r, col, message);
      }
      continue;
    }
    const prior = seen.get(parsed.data.code);
    if (prior) {
      issue(r, 0, `资源代码 ${parsed.data.code} 与第 ${prior} 行重复`);
      continue;
    }
    seen.set(parsed.data.code, r);
    rows.push({ row: r, input: parsed.data });
  }
  if (issues.length) {
    const first = issues[0] as FieldIssue;
    throw new ValidationError(`导入文件有 ${issues.length} 处问题，未保存任何数据。${first.message}`, issues.slice(0, 200), 'upper.import_invalid');
  }
  if (rows.length === 0) throw fileError(`工作表“${UPPER_SHEET}”中没有填写任何资源`, 'upper.import_no_rows');
  if (rows.length > MAX_UPPER_IMPORT_ROWS) throw fileError(`一次最多导入 ${MAX_UPPER_IMPORT_ROWS} 个上级资源，本文件有 ${rows.length} 个`, 'upper.import_too_many');
  return rows;
}

const same = (a: IUpperResource, b: UpperResourceInput) =>
  a.name === b.name && a.holder === b.holder && a.level === b.level && a.system === b.system && a.howToApply === b.howToApply && (a.note ?? null) === (b.note ?? null) && JSON.stringify(a.items) === JSON.stringify(b.items);

/**
 * Imports the province's list: new codes are created, known ones updated; all or nothing (the caller's transaction).
 * An update that drops an item a pending need asks for is refused on its row.
 */
export async function importUpperResources(em: EntityManager, actor: Actor, buffer: Buffer, now: Date): Promise<UpperImportResultDto> {
  const rows = await parseUpperWorkbook(buffer);
  const existing = new Map((await em.find(UpperResource, { code: { $in: rows.map((r) => r.input.code) } })).map((r) => [r.code, r]));
  const ids = [...existing.values()].map((r) => r.id);
  const open = ids.length ? await em.find(UpperNeed, { resource: { $in: ids }, status: { $in: ['submitted', 'consolidated'] } }, { fields: ['id', 'items', 'resource'] }) : [];
  const needed = new Map<number, Set<string>>();
  for (const n of open) for (const i of n.items) (needed.get(n.resource.id) ?? needed.set(n.resource.id, new Set()).get(n.resource.id))?.add(i);
  const issues: FieldIssue[] = [];
  for (const { row, input } of rows) {
    const prior = existing.get(input.code);
    const dropped = prior ? [...(needed.get(prior.id) ?? [])].filter((i) => !input.items.includes(i)) : [];
    if (dropped.length) issues.push({ path: `${UPPER_SHEET}!F${row}`, message: `“${UPPER_SHEET}”第 ${row} 行 第 F 列（信息项）：信息项“${dropped.join('、')}”仍有待办的部门需求，不能删除` });
  }
  if (issues.length) throw new ValidationError(`导入文件有 ${issues.length} 处问题，未保存任何数据。${issues[0]?.message}`, issues, 'upper.import_invalid');
  const result: UpperImportResultDto = { created: [], updated: [], unchanged: [] };
  for (const { input } of rows) {
    const prior = existing.get(input.code);
    if (!prior) {
      em.create(UpperResource, { ...input, note: input.note ?? null, createdAt: now, updatedAt: now });
      result.created.push(input.code);
    } else if (same(prior, input)) {
      result.unchanged.push(input.code);
    } else {
      em.assign(prior, { ...input, note: input.note ?? null, updatedAt: now });
      result.updated.push(input.code);
    }
  }
  await em.flush();
  audit(em, { actor, action: 'upper_resource.import', subjectType: 'upper_resource', subjectId: 'import', after: { created: result.created.length, updated: result.updated.length, unchanged: result.unchanged.length, codes: [...result.created, ...result.updated].slice(0, 200) }, at: now });
  return result;
}
