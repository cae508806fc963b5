/**
 * `npm run bench:catalog -- [--pg] --seeded[=city] --release-list` — the release page's list of entries at the size of
 * the seeded data set (issue 19, finding 1: it counted every row and paged by OFFSET, 0.3–1.7 s a page on the
 * province's 472,548 entries). On a copy of the seeded data set (the shared one is not written) it makes a release of
 * every published entry (createRelease, timed), then times pages of its list as the release page asks for them:
 *   · the list: `listReleaseEntries` (pages by position, the total stored; a text search walks on from `after`);
 *   · the baseline, in the same run and on the same release: the statements the list ran before — a count of the
 *     matching rows and the page by ORDER BY code LIMIT … OFFSET (with its (release_id, code) index, made again on
 *     the copy for it), then the page's providers.
 * Each case runs BENCH_REPEAT times (default 9): its median and p95 wall time, this process's CPU and — on a local
 * PostgreSQL — the server's CPU per call, and the ratio of the medians. The machine's load is printed before and after.
 */
import type { EntityManager } from '@mikro-orm/knex';
import { User } from '@govdata/core';
import { createRelease, listReleaseEntries, RELEASE_SEARCH_COUNT_BOUND, type ReleaseEntryQuery } from '@govdata/catalog';
import { openPlatformDatabase } from '@govdata/platform';
import { copySeededDatabase, serverCpuMs } from './databases';
import { machineLine, median, percentile } from './machine';

const NOW = new Date(process.env.BENCH_NOW ?? '2026-11-20T10:00:00+08:00');
const REPEAT = Number(process.env.BENCH_REPEAT ?? 9);

interface Case {
  name: string;
  query: ReleaseEntryQuery;
}

/** The list as it was (before positions): count the matches, then ORDER BY code LIMIT … OFFSET, then the providers. */
async function offsetPage(em: EntityManager, releaseId: number, pg: boolean, query: ReleaseEntryQuery): Promise<{ rows: number; total: number }> {
  const like = pg ? 'ilike' : 'like';
  const where = `release_id = ?${query.departmentId ? ' and provider_id = ?' : ''}${query.q ? ` and (name ${like} ? or code ${like} ?)` : ''}`;
  const args = [releaseId, ...(query.departmentId ? [query.departmentId] : []), ...(query.q ? [`%${query.q}%`, `%${query.q}%`] : [])];
  const [counted] = await em.execute<{ n: number | string }[]>(`select count(*) as n from catalog_release_entries where ${where}`, args);
  const rows = await em.execute<{ provider_id: number }[]>(`select * from catalog_release_entries where ${where} order by code asc limit ? offset ?`, [...args, query.pageSize, (query.page - 1) * query.pageSize]);
  const providers = [...new Set(rows.map((r) => r.provider_id))];
  if (providers.length) await em.execute(`select * from departments where id in (${providers.map(() => '?').join(', ')})`, providers);
  return { rows: rows.length, total: Number(counted?.n ?? 0) };
}

async function timed(db: Awaited<ReturnType<typeof openPlatformDatabase>>, fn: (em: EntityManager) => Promise<unknown>): Promise<{ wall: number[]; cpuMs: number; serverMs: number | null }> {
  await fn(db.fork()); // warm: statements prepared, pages cached
  const wall: number[] = [];
  const cpu0 = process.cpuUsage();
  const server0 = await serverCpuMs(db.fork());
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    await fn(db.fork());
    wall.push(performance.now() - t0);
  }
  const server1 = await serverCpuMs(db.fork());
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpuMs: (cpu.user + cpu.system) / 1000 / REPEAT, serverMs: server0 !== null && server1 !== null ? (server1 - server0) / REPEAT : null };
}

export async function releaseListBench(seeded: string): Promise<boolean> {
  const pg = /^postgres/.test(seeded);
  console.log(`\nthe release page's list of entries on the seeded data set (issue 19, finding 1) — ${pg ? 'PostgreSQL' : 'SQLite'}`);
  console.log(machineLine());
  const copy = await copySeededDatabase(seeded, 'govdata_bench_release_list');
  console.log(copy.note);
  const db = await openPlatformDatabase(copy.url, { quiet: true });
  let ok = true;
  try {
    const bureau = await db.fork().findOneOrFail(User, { username: 'bureau' });
    const actor = { userId: bureau.id, username: bureau.username, displayName: bureau.displayName, roles: bureau.roles, departmentId: bureau.department.id };
    const t0 = performance.now();
    const release = await db.fork().transactional((tx) => createRelease(tx, actor, { title: null, note: 'bench:catalog --release-list' }, NOW));
    console.log(`release ${release.number}: ${release.entryCount.toLocaleString('en')} entries, made (and numbered) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // the baseline's index, as the list had it
    const t1 = performance.now();
    await db.fork().execute('create index if not exists catalog_release_entries_release_id_code_index on catalog_release_entries (release_id, code)');
    if (pg) await db.fork().execute('analyze catalog_release_entries');
    console.log(`(baseline) the (release_id, code) index made again in ${((performance.now() - t1) / 1000).toFixed(1)} s`);

    const em = db.fork();
    const [largest] = await em.execute<{ provider_id: number; n: number | string }[]>('select provider_id, count(*) as n from catalog_release_entries where release_id = ? group by provider_id order by count(*) desc limit 1', [release.id]);
    const provider = Number(largest?.provider_id);
    const providerCount = Number(largest?.n);
    // a word many names share (the first page fills at once), and one of a single entry's name (the search reads the whole release)
    const [mid] = await em.execute<{ name: string; code: string }[]>('select name, code from catalog_release_entries where release_id = ? and position = ?', [release.id, Math.ceil(release.entryCount / 2)]);
    const common = '信息';
    const rare = String(mid?.code);
    const size = 20;
    const lastPage = Math.ceil(release.entryCount / size);
    const cases: Case[] = [
      { name: 'page 1', query: { page: 1, pageSize: size } },
      { name: 'page 2 (after page 1)', query: { page: 2, pageSize: size, after: size } },
      { name: 'page 100', query: { page: 100, pageSize: size } },
      { name: `page ${Math.ceil(lastPage / 2).toLocaleString('en')} (middle)`, query: { page: Math.ceil(lastPage / 2), pageSize: size } },
      { name: `page ${lastPage.toLocaleString('en')} (last)`, query: { page: lastPage, pageSize: size } },
      { name: `one provider (${providerCount.toLocaleString('en')} entries), page 1`, query: { departmentId: provider, page: 1, pageSize: size } },
      { name: 'one provider, its last page', query: { departmentId: provider, page: Math.ceil(providerCount / size), pageSize: size } },
      { name: `text “${common}”, page 1`, query: { q: common, page: 1, pageSize: size } },
      { name: `text “${common}”, page 2 (after page 1)`, query: { q: common, page: 2, pageSize: size } },
      { name: `text “${common}” + the provider, page 1`, query: { q: common, departmentId: provider, page: 1, pageSize: size } },
      { name: 'text of one code (a single match), page 1', query: { q: rare, page: 1, pageSize: size } },
    ];
    // page 2 of the common word goes on from page 1's last entry, as the SPA asks for it
    const firstOfCommon = await listReleaseEntries(db.fork(), release.id, { q: common, page: 1, pageSize: size });
    (cases[8] as Case).query.after = firstOfCommon.items.at(-1)?.position;

    console.log(`\n${'case'.padEnd(46)} ${'list: median / p95'.padStart(22)} ${'CPU here / server'.padStart(20)} ${'total'.padStart(10)}   ${'before: median / p95'.padStart(22)} ${'CPU here / server'.padStart(20)}  ratio`);
    const ms = (x: number) => `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`;
    const cpuLine = (t: { cpuMs: number; serverMs: number | null }) => `${ms(t.cpuMs)} / ${t.serverMs === null ? '—' : ms(t.serverMs)}`;
    for (const c of cases) {
      const listed = await listReleaseEntries(db.fork(), release.id, c.query);
      const before = await offsetPage(db.fork(), release.id, pg, c.query);
      // the same entries and, where the list counts exactly, the same total
      if (listed.items.length !== before.rows || (!listed.totalBounded && listed.total !== before.total) || (listed.totalBounded && before.total <= RELEASE_SEARCH_COUNT_BOUND)) {
        ok = false;
        console.error(`${c.name}: the list gave ${listed.items.length} rows of ${listed.total}${listed.totalBounded ? '+' : ''}, the baseline ${before.rows} of ${before.total}`);
      }
      const now = await timed(db, (e) => listReleaseEntries(e, release.id, c.query));
      const old = await timed(db, (e) => offsetPage(e, release.id, pg, { ...c.query, after: undefined }));
      const total = `${listed.total.toLocaleString('en')}${listed.totalBounded ? '+' : ''}`;
      console.log(
        `${c.name.padEnd(46)} ${`${ms(median(now.wall))} / ${ms(percentile(now.wall, 95))}`.padStart(22)} ${cpuLine(now).padStart(20)} ${total.padStart(10)}   ${`${ms(median(old.wall))} / ${ms(percentile(old.wall, 95))}`.padStart(22)} ${cpuLine(old).padStart(20)}  ${(median(now.wall) / median(old.wall)).toFixed(2)}×`,
      );
    }
    console.log(`\n(${REPEAT} calls a case after one to warm up; “before” is the count and OFFSET page the list ran before, in the same run)`);
    console.log(machineLine());
  } finally {
    await db.close();
    await copy.drop();
  }
  return ok;
}
