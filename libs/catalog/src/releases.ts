import type { EntityManager } from '@mikro-orm/knex';
import { shanghaiDate } from '@govdata/workdays';
import {
  ConflictError,
  diffSnapshots,
  NotFoundError,
  RuleViolationError,
  type Actor,
  type EntrySnapshot,
  type Page,
  type ReleaseDiffDto,
  type ReleaseDto,
  type ReleaseEntryDto,
} from '@govdata/domain';
import { audit, containsText, drained, fromSqlTime, isPostgres, sqlAll, sqlRows } from '@govdata/core';
import { CatalogEntryVersion } from './entities/catalog-entry-version.entity';
import { CatalogRelease, CatalogReleaseEntry, type ICatalogRelease, type ICatalogReleaseEntry } from './entities/catalog-release.entity';

/**
 * 《朔州市政务数据资源目录》 releases (第八条): the bureau publishes a numbered, dated snapshot of every published entry
 * and files it with the province. A release is written once — its rows point at append-only versions — and is never
 * changed afterwards (only its filing record is added).
 */

export const releaseDto = (r: ICatalogRelease): ReleaseDto => ({
  id: r.id,
  number: r.number,
  title: r.title,
  releasedAt: r.releasedAt.toISOString(),
  releasedBy: r.releasedByName,
  note: r.note ?? null,
  previousNumber: r.previous?.isInitialized() ? r.previous.getEntity().number : null,
  entryCount: r.entryCount,
  addedCount: r.addedCount,
  changedCount: r.changedCount,
  retiredCount: r.retiredCount,
  filedAt: r.filedAt ? shanghaiDate(r.filedAt) : null,
  filingReference: r.filingReference ?? null,
});

const count = async (em: EntityManager, sql: string, params: unknown[]): Promise<number> => Number((await em.execute<{ n: number | string }[]>(sql, params))[0].n);

/** Snapshots every published (and retiring) entry at its current version, in one INSERT … SELECT. */
export async function createRelease(em: EntityManager, actor: Actor, input: { title: string | null; note: string | null }, now: Date): Promise<ReleaseDto> {
  const previous = await em.findOne(CatalogRelease, { number: { $gt: 0 } }, { orderBy: { number: 'desc' } });
  const number = (previous?.number ?? 0) + 1;
  const release = em.create(CatalogRelease, {
    number,
    title: input.title ?? `《朔州市政务数据资源目录》第 ${number} 版（${shanghaiDate(now)}）`,
    releasedAt: now,
    releasedBy: actor.userId,
    releasedByName: `${actor.displayName}(${actor.username})`,
    note: input.note,
    previous: previous ?? null,
    entryCount: 0,
    addedCount: 0,
    changedCount: 0,
    retiredCount: 0,
    filedAt: null,
    filingReference: null,
  });
  await em.flush();
  // numbered as they will be read: in code order, and within each provider (the list's pages are ranges of these)
  await em.execute(
    `insert into catalog_release_entries (release_id, entry_id, entry_version_id, version_number, code, name, provider_id, share_type, open_type, status, position, provider_position)
     select ?, e.id, v.id, e.current_version, e.code, e.name, e.provider_id, e.share_type, e.open_type, e.status,
            row_number() over (order by e.code, e.id), row_number() over (partition by e.provider_id order by e.code, e.id)
       from catalog_entries e join catalog_entry_versions v on v.entry_id = e.id and v.version = e.current_version
      where e.status in ('published', 'retiring')`,
    [release.id],
    'run',
  );
  // the planner's statistics of the release's rows, at once: a province's release adds 470,000 of them, and until
  // they are analyzed PostgreSQL estimates a page of the export (keyset on release_id, position) at a few hundred
  // rows, joins every remaining row to its version and sorts them — 6 s a page instead of a few ms (autovacuum's
  // analyze comes a minute later at best, and not at all where it is off). SQLite plans the page by the index anyway.
  if (isPostgres(em)) await em.execute('analyze catalog_release_entries');
  release.entryCount = await count(em, 'select count(*) as n from catalog_release_entries where release_id = ?', [release.id]);
  if (previous) {
    release.addedCount = await count(em, 'select count(*) as n from catalog_release_entries c where c.release_id = ? and not exists (select 1 from catalog_release_entries p where p.release_id = ? and p.entry_id = c.entry_id)', [release.id, previous.id]);
    release.changedCount = await count(em, 'select count(*) as n from catalog_release_entries c join catalog_release_entries p on p.entry_id = c.entry_id and p.release_id = ? where c.release_id = ? and p.version_number <> c.version_number', [previous.id, release.id]);
    release.retiredCount = await count(em, 'select count(*) as n from catalog_release_entries p where p.release_id = ? and not exists (select 1 from catalog_release_entries c where c.release_id = ? and c.entry_id = p.entry_id)', [previous.id, release.id]);
  } else release.addedCount = release.entryCount;
  if (release.entryCount === 0) throw new RuleViolationError('目录中还没有已发布的资源，不能发布城市目录', 'catalog.release_empty');
  audit(em, { actor, action: 'catalog.release.create', subjectType: 'catalog_release', subjectId: release.id, after: { number, entryCount: release.entryCount, added: release.addedCount, changed: release.changedCount, retired: release.retiredCount }, at: now });
  await em.flush();
  return releaseDto(release);
}

/**
 * Numbers a release's entries (position, provider_position) in code order, ties — which a release made from the live
 * catalog cannot have, codes being unique — by row id: for a release written row by row (the demo's releases of past
 * dates) instead of by createRelease; its rows carry distinct negative placeholders until then.
 */
export async function numberReleaseEntries(em: EntityManager, releaseId: number): Promise<void> {
  await em.execute(
    `update catalog_release_entries as t set position = r.n, provider_position = r.pn
       from (select id, row_number() over (order by code, id) as n, row_number() over (partition by provider_id order by code, id) as pn
               from catalog_release_entries where release_id = ?) as r
      where r.id = t.id`,
    [releaseId],
    'run',
  );
}

export async function listReleases(em: EntityManager, page: { page: number; pageSize: number }): Promise<Page<ReleaseDto>> {
  const [rows, total] = await em.findAndCount(CatalogRelease, {}, { populate: ['previous'], orderBy: { number: 'desc' }, limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
  return { items: rows.map(releaseDto), total, page: page.page, pageSize: page.pageSize };
}

export async function loadRelease(em: EntityManager, id: number): Promise<ICatalogRelease> {
  const r = await em.findOne(CatalogRelease, id, { populate: ['previous'] });
  if (!r) throw new NotFoundError(`目录发布版本 ${id} 不存在`, 'catalog.release_not_found');
  return r;
}

/** A text search in a release counts its matches up to this many (“共 1,000+ 条”), as the catalog list's does. */
export const RELEASE_SEARCH_COUNT_BOUND = 1_000;

export interface ReleaseEntryQuery {
  q?: string;
  departmentId?: number;
  /** the position (序号) of the previous page's last entry: the page starts after it (keyset) */
  after?: number;
  page: number;
  pageSize: number;
}

const ENTRY_COLUMNS = 'r.entry_id, r.entry_version_id, r.version_number, r.code, r.name, r.share_type, r.open_type, r.status, r.position, d.id as provider_id, d.code as provider_code, d.name as provider_name';

const releaseEntryDto = (r: Record<string, unknown>): ReleaseEntryDto => ({
  entryId: Number(r.entry_id),
  versionId: Number(r.entry_version_id),
  version: Number(r.version_number),
  position: Number(r.position),
  code: String(r.code),
  name: String(r.name),
  provider: { id: Number(r.provider_id), code: String(r.provider_code), name: String(r.provider_name) },
  shareType: r.share_type as ReleaseEntryDto['shareType'],
  openType: r.open_type as ReleaseEntryDto['openType'],
  status: r.status as ReleaseEntryDto['status'],
});

/**
 * A page of the release's entries in code order (the release page's list). A release never changes and its entries
 * are numbered when it is made (position, and provider_position within a provider), so:
 *   · the whole release, or one provider's part of it: the page is a range of its unique index, at any depth, and
 *     the total is stored (the release's entry count) or read off the same index (the provider's last number);
 *   · a text search (name or code contains it; with a provider or not): the rows after `after` in position order,
 *     else the page's OFFSET among the matches; a first page that is not full is its own count, otherwise the
 *     matches are counted up to RELEASE_SEARCH_COUNT_BOUND.
 * `after` — the position of the previous page's last entry — is what the SPA sends when it turns to the next page;
 * it makes every page of a search one walk from there. At provincial size (472,548 entries) the count of every row
 * and the OFFSET took 0.3–1.7 s a page (issue 19, finding 1).
 */
export async function listReleaseEntries(em: EntityManager, id: number, query: ReleaseEntryQuery): Promise<Page<ReleaseEntryDto>> {
  const [release] = await sqlAll<{ entryCount: number | string }>(em, 'select entry_count as "entryCount" from catalog_releases where id = ?', [id]);
  if (!release) throw new NotFoundError(`目录发布版本 ${id} 不存在`, 'catalog.release_not_found');
  const { pageSize } = query;
  const skip = (query.page - 1) * pageSize;
  const page = (rows: Record<string, unknown>[], total: number, bounded = false): Page<ReleaseEntryDto> => ({
    items: rows.map(releaseEntryDto),
    total,
    page: query.page,
    pageSize,
    ...(bounded ? { totalBounded: true } : {}),
  });
  const from = 'from catalog_release_entries r join departments d on d.id = r.provider_id';
  if (!query.q) {
    if (!query.departmentId) {
      const rows = await sqlAll<Record<string, unknown>>(em, `select ${ENTRY_COLUMNS} ${from} where r.release_id = ? and r.position > ? order by r.position limit ?`, [id, query.after ?? skip, pageSize]);
      return page(rows, Number(release.entryCount));
    }
    const [last] = await sqlAll<{ n: number | string | null }>(em, 'select max(provider_position) as n from catalog_release_entries where release_id = ? and provider_id = ?', [id, query.departmentId]);
    const rows = await sqlAll<Record<string, unknown>>(
      em,
      `select ${ENTRY_COLUMNS} ${from} where r.release_id = ? and r.provider_id = ? and ${query.after === undefined ? 'r.provider_position > ?' : 'r.position > ?'} order by r.provider_position limit ?`,
      [id, query.departmentId, query.after ?? skip, pageSize],
    );
    return page(rows, Number(last?.n ?? 0));
  }
  const contains = containsText(em, query.q);
  const pattern = '$ilike' in contains ? contains.$ilike : contains.$like;
  // ILIKE lower-cases each row it tests — twice the time of LIKE over the province's release on PostgreSQL; a text with
  // no letter that has a case (Chinese, digits, a code) finds the same rows by LIKE (SQLite's LIKE ignores ASCII case)
  const like = isPostgres(em) && query.q.toLowerCase() !== query.q.toUpperCase() ? 'ilike' : 'like';
  const where = `r.release_id = ?${query.departmentId ? ' and r.provider_id = ?' : ''} and (r.name ${like} ? or r.code ${like} ?)`;
  const args = [id, ...(query.departmentId ? [query.departmentId] : []), pattern, pattern];
  const rows =
    query.after === undefined
      ? await sqlAll<Record<string, unknown>>(em, `select ${ENTRY_COLUMNS} ${from} where ${where} order by r.position limit ? offset ?`, [...args, pageSize, skip])
      : await sqlAll<Record<string, unknown>>(em, `select ${ENTRY_COLUMNS} ${from} where ${where} and r.position > ? order by r.position limit ?`, [...args, query.after, pageSize]);
  if (skip === 0 && query.after === undefined && rows.length < pageSize) return page(rows, rows.length);
  const [counted] = await sqlAll<{ n: number | string }>(em, `select count(*) as n from (select 1 from catalog_release_entries r where ${where} limit ${RELEASE_SEARCH_COUNT_BOUND + 1}) m`, args);
  const n = Number(counted?.n ?? 0);
  return n > RELEASE_SEARCH_COUNT_BOUND ? page(rows, RELEASE_SEARCH_COUNT_BOUND, true) : page(rows, n);
}

/** Added, changed (with the field-by-field changes) and retired entries against the previous release or `against`. */
export async function diffRelease(em: EntityManager, id: number, against?: number): Promise<ReleaseDiffDto> {
  const release = await loadRelease(em, id);
  const base = against ? await loadRelease(em, against) : release.previous ? await loadRelease(em, release.previous.id) : null;
  const load = (rid: number) => em.find(CatalogReleaseEntry, { release: rid }, { populate: ['provider'], orderBy: { position: 'asc' } });
  const now = await load(release.id);
  const before = base ? await load(base.id) : [];
  const old = new Map(before.map((r) => [r.entry.id, r]));
  const cur = new Map(now.map((r) => [r.entry.id, r]));
  const ref = (r: ICatalogReleaseEntry, from: number | null, to: number | null) => ({ entryId: r.entry.id, code: r.code, name: r.name, provider: r.provider.getEntity().name, fromVersion: from, toVersion: to });
  const added = now.filter((r) => !old.has(r.entry.id)).map((r) => ref(r, null, r.versionNumber));
  const retired = before.filter((r) => !cur.has(r.entry.id)).map((r) => ref(r, r.versionNumber, null));
  const changedPairs = now.flatMap((r) => {
    const o = old.get(r.entry.id);
    return o && o.versionNumber !== r.versionNumber ? [[o, r] as const] : [];
  });
  const versionIds = changedPairs.flatMap(([o, r]) => [o.entryVersion.id, r.entryVersion.id]);
  const snaps = new Map<number, EntrySnapshot>();
  for (let i = 0; i < versionIds.length; i += 500) {
    for (const v of await em.find(CatalogEntryVersion, { id: { $in: versionIds.slice(i, i + 500) } }, { fields: ['id', 'snapshot'] })) snaps.set(v.id, v.snapshot);
  }
  const changed = changedPairs.map(([o, r]) => {
    const a = snaps.get(o.entryVersion.id);
    const b = snaps.get(r.entryVersion.id);
    return { ...ref(r, o.versionNumber, r.versionNumber), changes: a && b ? diffSnapshots(a, b) : [] };
  });
  return { release: release.number, against: base?.number ?? null, added, changed, retired };
}

/** The release's entries as filed, a page of them in code order. */
export interface ReleaseSnapshotPage {
  /**
   * Each entry's frozen snapshot as the database holds it, JSON text, parsed one at a time where it is written
   * (`parseSnapshot`): a page of 500 parsed snapshots outlived many young-generation collections while the workbook
   * wrote their rows, so V8 promoted them and let its old generation fill with ~150 MB of garbage before collecting
   * it (issue 19, finding 1, the embedded mode); a snapshot parsed for its row dies young.
   */
  snapshots: string[];
  versions: number[];
  versionDates: string[];
}

export const parseSnapshot = (text: string): EntrySnapshot => JSON.parse(text) as EntrySnapshot;

/**
 * The release's frozen entries in code order, one page at a time: an export holds one page in memory, not the release
 * (issue 19, finding 1: a 50,000-entry release held 3.9 GB). One bound statement per page (keyset on the release's
 * positions), its rows as arrays: hydrating 500 versions through the ORM took ~130 ms of one thread per page, time in
 * which a long export running inside the API answered nobody. The snapshot is read as text on both engines
 * (node-postgres would parse a page of jsonb at once).
 */
export async function* releaseSnapshotPages(em: EntityManager, id: number, pageSize = 500): AsyncGenerator<ReleaseSnapshotPage> {
  for (let after = 0; ; ) {
    const rows = await sqlRows(
      em,
      `select r.position, r.version_number, cast(v.snapshot as text), v.changed_at
         from catalog_release_entries r join catalog_entry_versions v on v.id = r.entry_version_id
        where r.release_id = ? and r.position > ?
        order by r.position limit ?`,
      [id, after, pageSize],
    );
    if (!rows.length) return;
    yield {
      snapshots: rows.map((r) => r[2] as string),
      versions: rows.map((r) => Number(r[1])),
      versionDates: rows.map((r) => shanghaiDate(fromSqlTime(r[3]))),
    };
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1][0]);
  }
}

/** The whole release in memory — for callers that need it all; exports stream `releaseSnapshotPages`. */
export async function releaseSnapshots(em: EntityManager, id: number): Promise<{ release: ReleaseDto; entries: EntrySnapshot[]; versions: number[]; versionDates: string[] }> {
  const release = await loadRelease(em, id);
  const all = { entries: [] as EntrySnapshot[], versions: [] as number[], versionDates: [] as string[] };
  for await (const p of releaseSnapshotPages(em, id)) {
    for (const text of p.snapshots) all.entries.push(parseSnapshot(text));
    all.versions.push(...p.versions);
    all.versionDates.push(...p.versionDates);
  }
  return { release: releaseDto(release), ...all };
}

/** What a streamed release export reports: after each page, how many entries it has read in all. */
export interface ReleaseExportProgress {
  onPage?(entriesRead: number): Promise<void> | void;
}

/**
 * Between pages a streamed export gives the event loop a turn, so that other requests (and an export job's own
 * progress updates) are served while a long export runs in the same process.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The release as JSON, written entry by entry to `out` (same document as before: `{ release, entries }`). */
export async function writeReleaseJson(em: EntityManager, id: number, out: NodeJS.WritableStream, progress: ReleaseExportProgress = {}): Promise<void> {
  const release = releaseDto(await loadRelease(em, id));
  const write = (s: string) => (out.write(s) ? Promise.resolve() : drained(out));
  await write(`{\n  "release": ${JSON.stringify(release)},\n  "entries": [`);
  let first = true;
  let read = 0;
  for await (const p of releaseSnapshotPages(em, id)) {
    for (const text of p.snapshots) {
      await write(`${first ? '' : ','}\n    ${JSON.stringify(parseSnapshot(text))}`);
      first = false;
    }
    read += p.snapshots.length;
    await progress.onPage?.(read);
    await yieldToEventLoop();
  }
  await write('\n  ]\n}\n');
}

/** Records the filing with the provincial platform (向省级平台备案, 第八条) — once. */
export async function fileRelease(em: EntityManager, actor: Actor, id: number, input: { filedAt: string; filingReference: string }, now: Date): Promise<ReleaseDto> {
  const r = await loadRelease(em, id);
  if (r.filedAt) throw new ConflictError(`第 ${r.number} 版已于 ${shanghaiDate(r.filedAt)} 备案（${r.filingReference}）`, 'catalog.release_filed');
  if (input.filedAt < shanghaiDate(r.releasedAt)) throw new RuleViolationError('备案日期不能早于发布日期', 'catalog.release_filing_date');
  if (input.filedAt > shanghaiDate(now)) throw new RuleViolationError('备案日期不能晚于今天', 'catalog.release_filing_date');
  r.filedAt = new Date(`${input.filedAt}T00:00:00+08:00`);
  r.filingReference = input.filingReference;
  audit(em, { actor, action: 'catalog.release.file', subjectType: 'catalog_release', subjectId: r.id, after: input, at: now });
  await em.flush();
  return releaseDto(r);
}
