import type { EntityManager } from '@mikro-orm/knex';
import {
  ConflictError,
  hasRole,
  isBaseLibrary,
  isBureau,
  itemOverlap,
  NotFoundError,
  recordIdIn,
  RuleViolationError,
  type Actor,
  type DuplicateDto,
  type DuplicateStatus,
  type ItemRef,
  type Page,
} from '@govdata/domain';
import { audit, containsText, departmentSummary, recordFinding } from '@govdata/core';
import { CatalogDuplicateCandidate, type ICatalogDuplicateCandidate } from './entities/catalog-duplicate.entity';
import { type ICatalogEntry } from './entities/catalog-entry.entity';

/**
 * 一数一源 (第九条): finds entries of one department whose data items another department's entry already holds.
 * Only department resources count as collectors (base and thematic libraries integrate data by design); the source
 * is the base-library entry when one holds the items, otherwise the earlier-published of two department entries.
 */

interface ScanEntry {
  id: number;
  providerId: number;
  resourceType: string;
  library: string | null;
  publishedAt: number;
  items: ItemRef[];
}

export interface ScanStats {
  scanned: number;
  found: number;
  created: number;
  refreshed: number;
}

async function loadScanEntries(em: EntityManager, entryIds?: number[]): Promise<Map<number, ScanEntry>> {
  const filter = entryIds ? `and e.id in (${entryIds.map(() => '?').join(',') || 'null'})` : '';
  const rows = await em.execute<{ id: number; entry_id: number; name: string; normalized_name: string; provider_id: number; resource_type: string; library: string | null; published_at: string | Date | null }[]>(
    `select i.id, i.entry_id, i.name, i.normalized_name, e.provider_id, e.resource_type, e.library, e.published_at
       from catalog_items i join catalog_entries e on e.id = i.entry_id
      where i.removed_at is null and e.status in ('published', 'retiring') ${filter}`,
    entryIds ?? [],
  );
  const entries = new Map<number, ScanEntry>();
  for (const r of rows) {
    const id = Number(r.entry_id);
    let e = entries.get(id);
    if (!e) {
      e = { id, providerId: Number(r.provider_id), resourceType: r.resource_type, library: r.library, publishedAt: r.published_at ? new Date(r.published_at).getTime() : 0, items: [] };
      entries.set(id, e);
    }
    e.items.push({ id: Number(r.id), name: r.name, normalized: r.normalized_name });
  }
  return entries;
}

interface Found {
  collector: ScanEntry;
  source: ScanEntry;
  items: ReturnType<typeof itemOverlap> & object;
}

/** The candidates whose collector is `c`, among `others`: the best base-library source, else every earlier department entry. */
function candidatesFor(c: ScanEntry, others: Iterable<ScanEntry>): Found[] {
  if (c.resourceType !== 'department') return [];
  let bestBase: Found | null = null;
  const plain: Found[] = [];
  for (const s of others) {
    if (s.id === c.id || s.providerId === c.providerId) continue;
    if (s.resourceType === 'department' && (s.publishedAt > c.publishedAt || (s.publishedAt === c.publishedAt && s.id > c.id))) continue;
    const overlap = itemOverlap(c.items, s.items);
    if (!overlap) continue;
    const f = { collector: c, source: s, items: overlap };
    if (s.resourceType === 'base' && isBaseLibrary(s.library)) {
      if (!bestBase || overlap.items.length > bestBase.items.items.length || (overlap.items.length === bestBase.items.items.length && overlap.score > bestBase.items.score)) bestBase = f;
    } else plain.push(f);
  }
  return bestBase ? [bestBase] : plain;
}

async function upsert(em: EntityManager, found: Found[], involved: (c: ICatalogDuplicateCandidate) => boolean, existing: ICatalogDuplicateCandidate[], now: Date): Promise<ScanStats> {
  const byPair = new Map(existing.map((c) => [`${c.entry.id}:${c.sourceEntry.id}`, c]));
  const seen = new Set<string>();
  let created = 0;
  let refreshed = 0;
  for (const f of found) {
    const key = `${f.collector.id}:${f.source.id}`;
    seen.add(key);
    const row = byPair.get(key);
    const values = { overlap: f.items.items, overlapCount: f.items.items.length, score: f.items.score, lastSeenAt: now };
    if (!row) {
      em.create(CatalogDuplicateCandidate, {
        entry: f.collector.id,
        department: f.collector.providerId,
        sourceEntry: f.source.id,
        sourceDepartment: f.source.providerId,
        sourceIsBaseLibrary: f.source.resourceType === 'base',
        ...values,
        status: 'candidate',
        detectedAt: now,
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
        violationId: null,
      });
      created++;
    } else if (row.status === 'candidate') {
      Object.assign(row, values);
      refreshed++;
    }
  }
  // an undecided candidate whose overlap has gone (items changed, entry retired) is dropped; decided ones stay as records
  for (const c of existing) if (c.status === 'candidate' && involved(c) && !seen.has(`${c.entry.id}:${c.sourceEntry.id}`)) em.remove(c);
  await em.flush();
  return { scanned: 0, found: found.length, created, refreshed };
}

/** Re-checks one entry, as collector and as source — run when it is published or its items change. */
export async function scanEntryForDuplicates(em: EntityManager, entryId: number, now: Date): Promise<ScanStats> {
  const self = (await loadScanEntries(em, [entryId])).get(entryId);
  const existing = await em.find(CatalogDuplicateCandidate, { $or: [{ entry: entryId }, { sourceEntry: entryId }] });
  if (!self) return { ...(await upsert(em, [], () => true, existing, now)), scanned: 0 };
  const names = [...new Set(self.items.map((i) => i.normalized))];
  const related = await em.execute<{ entry_id: number }[]>(
    `select distinct i.entry_id from catalog_items i join catalog_entries e on e.id = i.entry_id
      where i.removed_at is null and e.status in ('published', 'retiring') and e.provider_id <> ? and i.normalized_name in (${names.map(() => '?').join(',')})`,
    [self.providerId, ...names],
  );
  const others = await loadScanEntries(em, related.map((r) => Number(r.entry_id)));
  const found = candidatesFor(self, others.values());
  for (const o of others.values()) found.push(...candidatesFor(o, [self]).filter((f) => f.source.id === self.id));
  // a department entry that already has a base-library source keeps only that one
  const stats = await upsert(em, found, () => true, existing, now);
  return { ...stats, scanned: 1 + others.size };
}

/** The whole catalog (the nightly job and the bureau's "scan now"). Idempotent: a re-run creates nothing new. */
export async function scanAllDuplicates(em: EntityManager, now: Date): Promise<ScanStats> {
  const entries = await loadScanEntries(em);
  // an inverted index keeps this linear in practice: only entries sharing a comparable item are compared
  const byItem = new Map<string, ScanEntry[]>();
  for (const e of entries.values()) for (const n of new Set(e.items.map((i) => i.normalized))) (byItem.get(n) ?? byItem.set(n, []).get(n))?.push(e);
  const found: Found[] = [];
  for (const c of entries.values()) {
    if (c.resourceType !== 'department') continue;
    const others = new Set<ScanEntry>();
    for (const n of new Set(c.items.map((i) => i.normalized))) for (const o of byItem.get(n) ?? []) others.add(o);
    found.push(...candidatesFor(c, others));
  }
  const existing = await em.find(CatalogDuplicateCandidate, {});
  const stats = await upsert(em, found, () => true, existing, now);
  return { ...stats, scanned: entries.size };
}

type Candidate = ICatalogDuplicateCandidate & { entry: { getEntity(): ICatalogEntry }; sourceEntry: { getEntity(): ICatalogEntry } };

function duplicateDto(c: ICatalogDuplicateCandidate): DuplicateDto {
  const ref = (e: ICatalogEntry) => ({ id: e.id, code: e.code, name: e.name, department: departmentSummary(e.provider.getEntity()), library: e.library ?? null });
  const x = c as Candidate;
  return {
    id: c.id,
    entry: ref(x.entry.getEntity()),
    source: ref(x.sourceEntry.getEntity()),
    sourceIsBaseLibrary: c.sourceIsBaseLibrary,
    overlap: c.overlap,
    overlapCount: c.overlapCount,
    score: Number(c.score),
    status: c.status,
    detectedAt: c.detectedAt.toISOString(),
    decidedBy: c.decidedBy?.isInitialized() ? c.decidedBy.getEntity().displayName : null,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    decisionNote: c.decisionNote ?? null,
    violationId: c.violationId ?? null,
  };
}

const POPULATE = ['entry.provider', 'sourceEntry.provider', 'decidedBy'] as const;

/** Ranked by overlap: the bureau sees all, a department the candidates that involve it. */
export async function listDuplicates(em: EntityManager, actor: Actor, query: { status?: DuplicateStatus; departmentId?: number; q?: string; page: number; pageSize: number }): Promise<Page<DuplicateDto>> {
  const where: Record<string, unknown> = {};
  if (query.status) where.status = query.status;
  if (query.q) {
    // the lead's number (#12, as a violation's source links it) or the name of either resource (issue 14, defect 2)
    const id = recordIdIn(query.q);
    const like = containsText(em, query.q);
    where.$and = [id ? { id } : { $or: [{ entry: { name: like } }, { sourceEntry: { name: like } }] }];
  }
  if (query.departmentId) where.$or = [{ department: query.departmentId }, { sourceDepartment: query.departmentId }];
  if (!isBureau(actor) && !hasRole(actor, 'leader')) where.$and = [...((where.$and as unknown[]) ?? []), { $or: [{ department: actor.departmentId }, { sourceDepartment: actor.departmentId }] }];
  const [rows, total] = await em.findAndCount(CatalogDuplicateCandidate, where, {
    populate: POPULATE,
    orderBy: { overlapCount: 'desc', score: 'desc', id: 'asc' },
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(duplicateDto), total, page: query.page, pageSize: query.pageSize };
}

async function pending(em: EntityManager, id: number): Promise<ICatalogDuplicateCandidate> {
  const c = await em.findOne(CatalogDuplicateCandidate, id, { populate: POPULATE });
  if (!c) throw new NotFoundError(`重复采集线索 ${id} 不存在`, 'catalog.duplicate_not_found');
  if (c.status !== 'candidate') throw new ConflictError(`该线索已${c.status === 'confirmed' ? '确认' : '排除'}，不能重复处理`, 'catalog.duplicate_decided');
  return c;
}

/**
 * The bureau confirms a duplicate collection: recorded as a violation of 第三十三条第（三）项 against the collecting
 * department (not the source), once — the violations' unique key (source kind, source id, type) guarantees it.
 */
export async function confirmDuplicate(em: EntityManager, actor: Actor, id: number, note: string | null, now: Date): Promise<DuplicateDto> {
  const c = await pending(em, id);
  const entry = (c as Candidate).entry.getEntity();
  const source = (c as Candidate).sourceEntry.getEntity();
  if (entry.provider.id === source.provider.id) throw new RuleViolationError('同一部门的资源不构成重复采集', 'catalog.duplicate_same_department');
  const names = c.overlap.map((o) => o.itemName).join('、');
  const violation = await recordFinding(
    em,
    {
      source: { kind: 'duplicate_collection', id: String(c.id) },
      violation: { type: 3, departmentId: c.department.id, status: 'confirmed' },
      evidence: {
        summary: `“${entry.provider.getEntity().name}”的资源“${entry.name}”（${entry.code}）重复采集了“${source.provider.getEntity().name}”的资源“${source.name}”（${source.code}）已有的信息项：${names}`,
        article: '第九条',
        observedAt: c.detectedAt.toISOString(),
        details: {
          entry: { id: entry.id, code: entry.code, name: entry.name, departmentId: entry.provider.id },
          source: { id: source.id, code: source.code, name: source.name, departmentId: source.provider.id, baseLibrary: c.sourceIsBaseLibrary ? source.library : null },
          items: c.overlap,
          score: c.score,
          note,
        },
      },
      auditContext: { duplicateId: c.id },
      notify: {
        kind: 'catalog.duplicate_confirmed',
        title: '重复采集数据已确认',
        body: `资源“${entry.name}”的信息项（${names}）可通过共享从“${source.name}”获取，经核查构成重复采集（第九条、第三十三条第（三）项）。请停止重复采集，改为共享使用。`,
        link: `/catalog/duplicates/${c.id}`,
        subjectType: 'catalog_duplicate',
        subjectId: c.id,
      },
    },
    { actor },
    now,
  );
  Object.assign(c, { status: 'confirmed', decidedBy: actor.userId, decidedAt: now, decisionNote: note, violationId: violation.id });
  audit(em, { actor, action: 'catalog.duplicate.confirm', subjectType: 'catalog_duplicate', subjectId: c.id, before: { status: 'candidate' }, after: { status: 'confirmed', violationId: violation.id }, at: now });
  await em.flush();
  return duplicateDto(await em.findOneOrFail(CatalogDuplicateCandidate, id, { populate: POPULATE }));
}

export async function dismissDuplicate(em: EntityManager, actor: Actor, id: number, reason: string, now: Date): Promise<DuplicateDto> {
  const c = await pending(em, id);
  Object.assign(c, { status: 'dismissed', decidedBy: actor.userId, decidedAt: now, decisionNote: reason });
  audit(em, { actor, action: 'catalog.duplicate.dismiss', subjectType: 'catalog_duplicate', subjectId: c.id, before: { status: 'candidate' }, after: { status: 'dismissed', reason }, at: now });
  await em.flush();
  return duplicateDto(await em.findOneOrFail(CatalogDuplicateCandidate, id, { populate: POPULATE }));
}
