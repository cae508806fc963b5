import type { EntityManager } from '@mikro-orm/knex';
import { shanghaiDate } from '@govdata/workdays';
import {
  assertCanChangeProvider,
  assertCanEditEntry,
  canEditEntry,
  entryShareActions,
  assignFieldNames,
  canReadEntry,
  ConflictError,
  diffSnapshots,
  NotFoundError,
  normalizeItemName,
  resolveNewEntryProvider,
  RuleViolationError,
  type Actor,
  type EntryDetailDto,
  type EntryInput,
  type EntryPatch,
  type FieldIssue,
} from '@govdata/domain';
import { audit, Department, departmentSummary, type IDepartment } from '@govdata/core';
import { CatalogDedicatedDepartment, CatalogEntry, CatalogEntrySearch, type ICatalogEntry } from './entities/catalog-entry.entity';
import { CatalogEntryVersion } from './entities/catalog-entry-version.entity';
import { CatalogItem } from './entities/catalog-item.entity';
import { nextEntryCode } from './codes';
import { scanEntryForDuplicates } from './duplicates';
import { libraryLeadId } from './leads';
import { departmentsById, entrySummaryDto, inputOf, itemDto, loadAggregate, metadataOf, requestableView, searchTextOf, snapshotOf, type EntryAggregate } from './model';
import { parseEntry, validationError } from './validation';

const facts = (e: ICatalogEntry) => ({ providerId: e.provider.id, resourceType: e.resourceType, library: e.library ?? null, status: e.status });

/** Checks what the schema cannot: referenced departments and codes exist, the data is not updated in the future. */
async function checkReferences(em: EntityManager, input: EntryInput, providerId: number, now: Date, location: string, selfCode?: string): Promise<Map<number, IDepartment>> {
  const issues: FieldIssue[] = [];
  const depts = await departmentsById(em, [providerId, ...input.dedicatedDepartmentIds]);
  if (!depts.has(providerId)) issues.push({ path: `${location}.providerId`, message: `提供部门 ${providerId} 不存在` });
  input.dedicatedDepartmentIds.forEach((id, i) => {
    if (!depts.has(id)) issues.push({ path: `${location}.dedicatedDepartmentIds.${i}`, message: `专用部门 ${id} 不存在` });
    else if (id === providerId) issues.push({ path: `${location}.dedicatedDepartmentIds.${i}`, message: '专用部门是使用部门名单，不能包含提供部门自身' });
  });
  if (input.relatedCodes.length) {
    const found = new Set((await em.find(CatalogEntry, { code: { $in: input.relatedCodes } }, { fields: ['code'] })).map((e) => e.code));
    input.relatedCodes.forEach((code, i) => {
      if (code === selfCode) issues.push({ path: `${location}.relatedCodes.${i}`, message: '关联资源不能是资源自身' });
      else if (!found.has(code)) issues.push({ path: `${location}.relatedCodes.${i}`, message: `关联资源代码 ${code} 不存在` });
    });
  }
  if (input.dataUpdatedAt && input.dataUpdatedAt > shanghaiDate(now)) issues.push({ path: `${location}.dataUpdatedAt`, message: '数据更新日期不能晚于今天' });
  if (issues.length) throw validationError(issues);
  return depts;
}

/** Writes the input's fields, items (ids kept, missing ones soft-removed) and dedicated list onto the aggregate. */
async function applyInput(em: EntityManager, a: EntryAggregate, input: EntryInput, depts: Map<number, IDepartment>, providerId: number, now: Date, location: string): Promise<string> {
  const e = a.entry;
  const shareType = input.shareType;
  Object.assign(e, {
    name: input.name,
    resourceType: input.resourceType,
    library: input.library,
    classCode: input.classCode,
    summary: input.summary,
    format: input.format,
    formatDetail: input.formatDetail,
    shareType,
    // fields of another share/open type are cleared, so the record never says two things at once
    shareConditions: shareType === 'conditional' ? input.shareConditions : null,
    noShareReason: shareType === 'none' ? input.noShareReason : null,
    noShareBasis: shareType === 'none' ? input.noShareBasis : null,
    shareMethod: input.shareMethod,
    dedicated: input.dedicatedDepartmentIds.length > 0,
    openType: input.openType,
    openConditions: input.openType === 'closed' ? null : input.openConditions,
    closedReason: input.openType === 'closed' ? input.closedReason : null,
    closedBasis: input.openType === 'closed' ? input.closedBasis : null,
    updateCycle: input.updateCycle,
    dataUpdatedAt: input.dataUpdatedAt,
    securityGrade: input.securityGrade,
    securityAgreementRequired: input.securityAgreementRequired,
    internalReview: { ...input.internalReview },
    collectionBasisType: input.collectionBasisType,
    collectionBasis: input.collectionBasis,
    dataRange: input.dataRange,
    applicationScenarios: input.applicationScenarios,
    relatedCodes: [...input.relatedCodes],
    updatedAt: now,
  });
  const provider = depts.get(providerId);
  if (provider && a.provider?.id !== providerId) {
    e.provider = provider as never;
    a.provider = provider;
  }

  const current = new Map(a.items.map((i) => [i.id, i]));
  const kept = new Set<number>();
  const issues: FieldIssue[] = [];
  a.items = assignFieldNames(input.items, new Map(a.items.map((i) => [i.id, i.fieldName]))).map((it, index) => {
    const fields = {
      position: index + 1,
      name: it.name,
      fieldName: it.fieldName,
      normalizedName: normalizeItemName(it.name),
      dataType: it.dataType,
      length: it.length,
      nullable: it.nullable,
      primaryKey: it.primaryKey,
      // 主键 items are always query keys
      queryKey: it.queryKey || it.primaryKey,
      sensitive: it.sensitive,
      secret: it.secret,
      desensitization: it.desensitization,
      description: it.description,
    };
    if (it.id !== undefined) {
      const existing = current.get(it.id);
      if (!existing) {
        issues.push({ path: `${location}.items.${index}.id`, message: `信息项标识 ${it.id} 不属于该资源（可能已被删除），新增信息项请不要填写标识` });
        return undefined as never;
      }
      kept.add(it.id);
      return Object.assign(existing, fields);
    }
    return em.create(CatalogItem, { ...fields, entry: e, createdAt: now, removedAt: null });
  });
  if (issues.length) throw validationError(issues);
  for (const [id, item] of current) if (!kept.has(id)) item.removedAt = now;

  const wanted = new Set(input.dedicatedDepartmentIds);
  const had = new Set(a.dedicated.map((d) => d.id));
  const dropped = [...had].filter((id) => !wanted.has(id));
  if (dropped.length && e.id) await em.nativeDelete(CatalogDedicatedDepartment, { entry: e.id, department: { $in: dropped } });
  for (const id of wanted) if (!had.has(id)) em.create(CatalogDedicatedDepartment, { entry: e, department: id });
  a.dedicated = input.dedicatedDepartmentIds.map((id) => depts.get(id) as IDepartment);
  return searchTextOf(e, a.items.map((i) => i.name));
}

/** Keeps the entry's row of the search table current (insert or replace, both dialects). */
async function writeSearch(em: EntityManager, entryId: number, text: string): Promise<void> {
  await em.execute('insert into catalog_search (entry_id, text) values (?, ?) on conflict (entry_id) do update set text = excluded.text', [entryId, text], 'run');
}

const actorName = (actor: Actor | null): string => (actor ? `${actor.displayName}(${actor.username})` : 'system');

/**
 * Freezes the entry's current state as the next version, with the field-by-field diff against the previous one.
 * Nothing is written when a published entry did not actually change.
 */
export async function recordVersion(em: EntityManager, actor: Actor | null, a: EntryAggregate, note: string | null, now: Date): Promise<number | null> {
  const snapshot = snapshotOf(a);
  const prev = a.entry.currentVersion > 0 ? await em.findOne(CatalogEntryVersion, { entry: a.entry.id, version: a.entry.currentVersion }) : null;
  const diff = diffSnapshots(prev?.snapshot ?? null, snapshot);
  if (prev && diff.length === 0) return null;
  a.entry.currentVersion += 1;
  em.create(CatalogEntryVersion, {
    entry: a.entry,
    version: a.entry.currentVersion,
    snapshot,
    diff,
    note,
    changedBy: actor?.userId ?? null,
    changedByName: actorName(actor),
    changedAt: now,
  });
  return a.entry.currentVersion;
}

export interface EntryCreated {
  id: number;
  code: string;
  status: ICatalogEntry['status'];
}

/** A new entry, as a draft: the provider is the caller's department unless the bureau names one (第六条). */
export async function createEntry(em: EntityManager, actor: Actor, input: EntryInput, now: Date, location = 'body'): Promise<EntryCreated> {
  const leadId = await libraryLeadId(em, input.resourceType, input.library);
  const providerId = resolveNewEntryProvider(actor, input, leadId);
  const depts = await checkReferences(em, input, providerId, now, location);
  const code = await nextEntryCode(em, input.classCode);
  const entry = em.create(CatalogEntry, {
    code,
    provider: providerId,
    status: 'draft',
    currentVersion: 0,
    publishedAt: null,
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  } as never) as ICatalogEntry;
  const a: EntryAggregate = { entry, provider: depts.get(providerId) as IDepartment, items: [], dedicated: [] };
  const text = await applyInput(em, a, input, depts, providerId, now, location);
  await em.flush();
  await writeSearch(em, entry.id, text);
  audit(em, { actor, action: 'catalog.entry.create', subjectType: 'catalog_entry', subjectId: entry.id, after: snapshotOf(a) as never, at: now });
  await em.flush();
  return { id: entry.id, code: entry.code, status: entry.status };
}

export interface UpdateOutcome {
  /** the new version when a published entry changed, else null */
  version: number | null;
  changed: boolean;
}

/**
 * Applies an already merged and validated input to an entry the actor may edit. A change of a published entry is a
 * published change: it becomes the next version at once (the history shows who, when and what).
 */
export async function applyEntryUpdate(em: EntityManager, actor: Actor, a: EntryAggregate, input: EntryInput, note: string | null, now: Date, location = 'body'): Promise<UpdateOutcome> {
  const e = a.entry;
  const leadId = await libraryLeadId(em, e.resourceType, e.library);
  assertCanEditEntry(actor, facts(e), leadId);
  assertCanChangeProvider(actor, a.provider.id, input.providerId);
  if (input.resourceType !== e.resourceType || input.library !== (e.library ?? null)) {
    // moving an entry into a library: the caller must be allowed to maintain it there as well
    const newLead = await libraryLeadId(em, input.resourceType, input.library);
    assertCanEditEntry(actor, { providerId: input.providerId ?? a.provider.id, resourceType: input.resourceType, library: input.library, status: e.status }, newLead);
  }
  if (input.classCode !== e.classCode && e.status !== 'draft') {
    throw new RuleViolationError('已发布资源的分类代码和资源类型不能修改（资源代码由其生成且不可变更）；如需调整，请新编目录并将原资源下线', 'catalog.class_code_frozen', { field: `${location}.classCode` });
  }
  const providerId = input.providerId ?? a.provider.id;
  const before = snapshotOf(a);
  const depts = await checkReferences(em, input, providerId, now, location, e.code);
  if (input.classCode !== e.classCode) e.code = await nextEntryCode(em, input.classCode);
  const text = await applyInput(em, a, input, depts, providerId, now, location);
  await em.flush();
  await writeSearch(em, e.id, text);
  const after = snapshotOf(a);
  const changes = diffSnapshots(before, after);
  if (changes.length === 0) {
    if (before.dataUpdatedAt === after.dataUpdatedAt) return { version: null, changed: false };
    audit(em, { actor, action: 'catalog.entry.data_refreshed', subjectType: 'catalog_entry', subjectId: e.id, before: { dataUpdatedAt: before.dataUpdatedAt }, after: { dataUpdatedAt: after.dataUpdatedAt }, at: now });
    await em.flush();
    return { version: null, changed: true };
  }
  const version = e.status === 'draft' ? null : await recordVersion(em, actor, a, note, now);
  audit(em, { actor, action: 'catalog.entry.update', subjectType: 'catalog_entry', subjectId: e.id, before: { changes: changes.map((c) => ({ field: c.field, before: c.before })) }, after: { version, changes: changes.map((c) => ({ field: c.field, after: c.after })) }, at: now });
  await em.flush();
  if (version !== null && changes.some((c) => c.field.startsWith('items'))) await scanEntryForDuplicates(em, e.id, now);
  return { version, changed: true };
}

/** PATCH: merges the edit over the current state, validates the whole, applies it. */
export async function updateEntry(em: EntityManager, actor: Actor, id: number, patch: EntryPatch, now: Date): Promise<EntryDetailDto> {
  const a = await loadAggregate(em, id);
  assertCanEditEntry(actor, facts(a.entry), await libraryLeadId(em, a.entry.resourceType, a.entry.library));
  if (patch.lockVersion !== undefined && patch.lockVersion !== a.entry.lockVersion) {
    throw new ConflictError('该资源已被他人修改，请刷新后在最新内容上重新编辑', 'catalog.stale', { currentLockVersion: a.entry.lockVersion });
  }
  const { lockVersion: _lock, note, ...fields } = patch;
  const merged = { ...inputOf(a), ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
  const input = parseEntry(merged);
  await applyEntryUpdate(em, actor, a, input, note ?? null, now);
  return getEntry(em, actor, id);
}

/** draft → published: version 1, and the 一数一源 check of its items (第九条). */
export async function publishEntry(em: EntityManager, actor: Actor, id: number, note: string | null, now: Date): Promise<EntryDetailDto> {
  const a = await loadAggregate(em, id);
  assertCanEditEntry(actor, facts(a.entry), await libraryLeadId(em, a.entry.resourceType, a.entry.library));
  if (a.entry.status !== 'draft') {
    throw new RuleViolationError('该资源已发布；对已发布资源的修改在保存时即生成新版本，无需再次发布', 'catalog.already_published');
  }
  // the rules may have tightened since the draft was saved: publish only what passes them today
  parseEntry(inputOf(a), 'entry');
  a.entry.status = 'published';
  a.entry.publishedAt = now;
  a.entry.updatedAt = now;
  const version = await recordVersion(em, actor, a, note, now);
  audit(em, { actor, action: 'catalog.entry.publish', subjectType: 'catalog_entry', subjectId: a.entry.id, before: { status: 'draft' }, after: { status: 'published', version }, at: now });
  await em.flush();
  await scanEntryForDuplicates(em, a.entry.id, now);
  return getEntry(em, actor, id);
}

/** A draft that was never published may be deleted; its code stays used (codes are never reused). */
export async function deleteDraft(em: EntityManager, actor: Actor, id: number, now: Date): Promise<void> {
  const a = await loadAggregate(em, id);
  assertCanEditEntry(actor, facts(a.entry), await libraryLeadId(em, a.entry.resourceType, a.entry.library));
  if (a.entry.status !== 'draft' || a.entry.currentVersion > 0) throw new RuleViolationError('只能删除从未发布的草稿；已发布的资源请在资源页“申请下线”，指定替代资源和下线日期（第十九条）', 'catalog.not_draft');
  audit(em, { actor, action: 'catalog.entry.delete', subjectType: 'catalog_entry', subjectId: id, before: snapshotOf(a) as never, at: now });
  await em.nativeDelete(CatalogItem, { entry: id });
  await em.nativeDelete(CatalogDedicatedDepartment, { entry: id });
  await em.nativeDelete(CatalogEntrySearch, { entry: id });
  em.remove(a.entry);
  await em.flush();
}

export async function getEntry(em: EntityManager, actor: Actor, id: number): Promise<EntryDetailDto> {
  const a = await loadAggregate(em, id);
  const leadId = await libraryLeadId(em, a.entry.resourceType, a.entry.library);
  if (!canReadEntry(actor, facts(a.entry), leadId)) throw new NotFoundError(`资源目录条目 ${id} 不存在或尚未发布`, 'catalog.entry_not_found');
  const lead = leadId ? await em.findOne(Department, leadId) : null;
  const e = a.entry;
  const canEdit = canEditEntry(actor, facts(e), leadId);
  const share = entryShareActions(actor, requestableView(e), a.dedicated.map((d) => d.id));
  return {
    ...metadataOf(e),
    ...entrySummaryDto(e, a.provider, a.items.length),
    dedicatedDepartments: a.dedicated.map(departmentSummary),
    libraryLead: lead ? departmentSummary(lead) : null,
    items: a.items.map(itemDto),
    createdAt: e.createdAt.toISOString(),
    lockVersion: e.lockVersion,
    dataOnPlatform: e.dataOnPlatform,
    permissions: {
      canEdit,
      canPublish: canEdit && e.status === 'draft',
      canDelete: canEdit && e.status === 'draft' && e.currentVersion === 0,
      canRequestShare: share.request,
      canOpenDedicated: share.openDedicated,
      canRequestCoordination: share.coordinate,
    },
  };
}
