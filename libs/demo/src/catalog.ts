import type { EntityManager } from '@mikro-orm/knex';
import { shanghaiDate } from '@govdata/workdays';
import { BASE_LIBRARIES, diffSnapshots, entryCodeFor, entryInputSchema, normalizeItemName, type Actor, type EntrySnapshot } from '@govdata/domain';
import { CatalogCodeSequence, CatalogDedicatedDepartment, CatalogDuplicateCandidate, CatalogEntry, CatalogEntrySearch, CatalogEntryVersion, CatalogItem, CatalogLibraryLead, confirmDuplicate, dismissDuplicate, scanAllDuplicates, searchTextOf } from '@govdata/catalog';
import { type IDepartment, type IUser } from '@govdata/core';
import { DEMO_BASE_LEADS, DEMO_THEMATIC_LEADS } from './catalog-data';
import { planEntries } from './catalog-gen';
import { liveOf, MUTATION_KINDS, type EntryLife, type Mutation } from './catalog-history';
import { seedReleases, seedTriggers, type TriggerPlan } from './catalog-workflows';
import type { DemoSeeder, SeedContext } from './seeder';

const DAY = 86_400_000;

/** An instant during office hours, `days` days before now (never after now). */
export function officeTime(ctx: SeedContext, rng: SeedContext['rng'], days: number): Date {
  const date = shanghaiDate(new Date(ctx.now.getTime() - days * DAY));
  const at = new Date(`${date}T${String(rng.int(9, 17)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00+08:00`);
  return at.getTime() > ctx.now.getTime() ? new Date(ctx.now.getTime() - 3_600_000) : at;
}

export const actorOf = (u: IUser): Actor => ({ userId: u.id, username: u.username, displayName: u.displayName, roles: u.roles, departmentId: u.department.id });

/**
 * Multi-row INSERTs outside the unit of work: thousands of rows in a few statements, with no change tracking.
 * Ids are read back by each table's natural key afterwards.
 */
export async function bulkInsert(em: EntityManager, entity: unknown, rows: object[], size = 250): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await em.insertMany(entity as never, rows.slice(i, i + size) as never);
}

/** Entry ids by code, or another table's ids by the natural key `key` builds from a row. */
async function idsBy(em: EntityManager, sql: string, key: (r: Record<string, unknown>) => string): Promise<Map<string, number>> {
  return new Map((await em.execute<Record<string, unknown>[]>(sql)).map((r) => [key(r), Number(r.id)]));
}

/**
 * The demo catalog: ~640 resources of the city's departments with their items, share and open attributes in
 * realistic proportions, version histories over the 18 months before now, update triggers (some overdue now), four
 * city releases, and the planted 一数一源 cases the duplicate check finds.
 */
export const catalogSeeder: DemoSeeder = {
  name: 'catalog',
  async run(ctx) {
    const rng = ctx.rng.fork('catalog');
    const { em, now } = ctx;
    const dept = (slug: string): IDepartment => {
      const d = ctx.departments.get(slug);
      if (!d) throw new Error(`demo department ${slug} is missing`);
      return d;
    };
    const nameOf = new Map([...ctx.departments.values()].map((d) => [d.id, d.name]));
    const bureau = ctx.users.get('bureau') as IUser;
    const officer = (slug: string): IUser => {
      const u = ctx.users.get(slug);
      return u && u.roles.includes('dept_admin') ? u : bureau;
    };

    await bulkInsert(em, CatalogLibraryLead, [
      ...BASE_LIBRARIES.map((lib) => ({ resourceType: 'base', library: lib, department: dept(DEMO_BASE_LEADS[lib]).id, updatedBy: bureau.id, updatedAt: officeTime(ctx, rng, 560) })),
      ...Object.entries(DEMO_THEMATIC_LEADS).map(([lib, slug]) => ({ resourceType: 'thematic', library: lib, department: dept(slug).id, updatedBy: bureau.id, updatedAt: officeTime(ctx, rng, 550) })),
    ]);

    // what happens to each resource, planned first: publication, the edits after it, the edits triggers demand
    const plans = planEntries(rng);
    const mutations = new Map<number, Mutation[]>();
    const published = new Map<number, Date>();
    for (const p of plans) {
      if (p.draft) continue;
      // libraries were built first; the planted collectors came late, after the sources they copy
      const days = p.resourceType !== 'department' || p.template.plantedSource ? rng.int(430, 540) : p.template.planted ? rng.int(60, 200) : rng.int(30, 500);
      const at = officeTime(ctx, rng, days);
      published.set(p.key, at);
      const count = rng.weighted([[0, 50], [1, 30], [2, 12], [3, 6], [4, 2]]);
      const list: Mutation[] = [];
      for (let i = 0; i < count; i++) list.push({ at: officeTime(ctx, rng, rng.int(1, Math.max(1, days - 1))), by: officer(p.dept).username, note: null, kind: rng.pick(MUTATION_KINDS) });
      mutations.set(p.key, list.filter((m) => m.at.getTime() > at.getTime()));
    }
    const triggers: TriggerPlan[] = seedTriggers.plan(ctx, rng, plans, published, mutations, officer);
    const lives: EntryLife[] = plans.map((p) => {
      const publishedAt = published.get(p.key) ?? null;
      const createdAt = publishedAt ? new Date(publishedAt.getTime() - rng.int(1, 20) * DAY) : officeTime(ctx, rng, rng.int(1, 45));
      const life = liveOf(p, dept(p.dept).id, p.input.dedicated.map((s) => dept(s).id), publishedAt, createdAt, officer(p.dept).username, mutations.get(p.key) ?? [], now, rng);
      const check = entryInputSchema.safeParse({ ...life.final.fields, items: life.final.items.map((i) => i.input) });
      if (!check.success) throw new Error(`demo resource “${p.input.name}” breaks the catalog rules: ${check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return life;
    });

    // entries
    const sequences = new Map<string, number>();
    const codeOf = new Map<number, string>();
    const entryRows = lives.map((life) => {
      const p = life.plan;
      const seq = (sequences.get(p.classCode) ?? 0) + 1;
      sequences.set(p.classCode, seq);
      const code = entryCodeFor(p.classCode, seq);
      codeOf.set(p.key, code);
      const { providerId, dedicatedDepartmentIds, ...fields } = life.final.fields;
      const last = life.versions[life.versions.length - 1];
      return {
        ...fields,
        code,
        provider: providerId,
        dedicated: dedicatedDepartmentIds.length > 0,
        status: life.publishedAt ? 'published' : 'draft',
        publishedAt: life.publishedAt,
        currentVersion: life.versions.length,
        createdBy: officer(p.dept).id,
        createdAt: life.createdAt,
        updatedAt: last?.at ?? life.createdAt,
        lockVersion: 1,
      };
    });
    await bulkInsert(em, CatalogEntry, entryRows, 100);
    await bulkInsert(em, CatalogCodeSequence, [...sequences].map(([classCode, lastValue]) => ({ classCode, lastValue })));
    const entryId = await idsBy(em, 'select id, code from catalog_entries', (r) => String(r.code));
    const idOf = (key: number) => entryId.get(codeOf.get(key) ?? '') as number;
    await bulkInsert(
      em,
      CatalogEntrySearch,
      lives.map((life) => ({ entry: idOf(life.plan.key), text: searchTextOf({ code: codeOf.get(life.plan.key) as string, name: life.final.fields.name, summary: life.final.fields.summary }, life.final.items.map((i) => i.input.name)) })),
    );

    // items (removed ones too, soft-deleted) and dedicated lists
    const itemRows: Record<string, unknown>[] = [];
    const dedicatedRows: Record<string, unknown>[] = [];
    const positionOf = new Map<string, number>();
    for (const life of lives) {
      const entry = idOf(life.plan.key);
      const live = new Map(life.final.items.map((i, index) => [i.tmp, { index, input: i.input }]));
      life.items.forEach((state, i) => {
        const current = live.get(state.tmp);
        const position = current ? current.index + 1 : life.items.length + i + 1;
        positionOf.set(`${life.plan.key}:${state.tmp}`, position);
        const input = current?.input ?? state.input;
        itemRows.push({ ...input, entry, position, normalizedName: normalizeItemName(input.name), createdAt: state.createdAt, removedAt: state.removedAt });
      });
      for (const d of life.final.fields.dedicatedDepartmentIds) dedicatedRows.push({ entry, department: d });
    }
    await bulkInsert(em, CatalogItem, itemRows);
    await bulkInsert(em, CatalogDedicatedDepartment, dedicatedRows);
    const itemId = await idsBy(em, 'select id, entry_id, position from catalog_items', (r) => `${r.entry_id}:${r.position}`);

    // versions: snapshots naming the item ids, each with its diff against the one before
    const versionRows: Record<string, unknown>[] = [];
    const snapshots = new Map<number, { version: number; at: Date; snapshot: EntrySnapshot }[]>();
    for (const life of lives) {
      const entry = idOf(life.plan.key);
      const provider = dept(life.plan.dept);
      let prev: EntrySnapshot | null = null;
      const list: { version: number; at: Date; snapshot: EntrySnapshot }[] = [];
      life.versions.forEach((v, i) => {
        const { providerId: _p, dedicatedDepartmentIds, ...f } = v.fields;
        const snapshot: EntrySnapshot = {
          id: entry,
          code: codeOf.get(life.plan.key) as string,
          ...f,
          library: f.library ?? null,
          provider: { id: provider.id, code: provider.code, name: provider.name },
          dedicatedDepartments: dedicatedDepartmentIds.map((id) => ({ id, name: nameOf.get(id) ?? String(id) })),
          items: v.items.map(({ tmp, input }) => ({ id: itemId.get(`${entry}:${positionOf.get(`${life.plan.key}:${tmp}`)}`) as number, name: input.name, fieldName: input.fieldName ?? undefined, dataType: input.dataType, length: input.length, nullable: input.nullable, primaryKey: input.primaryKey, queryKey: input.queryKey, sensitive: input.sensitive, secret: input.secret, desensitization: input.desensitization, description: input.description })),
        };
        const by = ctx.users.get(v.by) ?? bureau;
        versionRows.push({ entry, version: i + 1, snapshot, diff: diffSnapshots(prev, snapshot), note: v.note, changedBy: by.id, changedByName: `${by.displayName}(${by.username})`, changedAt: v.at });
        list.push({ version: i + 1, at: v.at, snapshot });
        prev = snapshot;
      });
      snapshots.set(life.plan.key, list);
    }
    await bulkInsert(em, CatalogEntryVersion, versionRows, 100);
    const versionId = await idsBy(em, 'select id, entry_id, version from catalog_entry_versions', (r) => `${r.entry_id}:${r.version}`);
    const versions = new Map([...snapshots].map(([key, list]) => [key, list.map((v) => ({ ...v, id: versionId.get(`${idOf(key)}:${v.version}`) as number, entryId: idOf(key) }))]));

    await seedTriggers.persist(ctx, triggers, versions, officer);
    await seedReleases(ctx, rng, versions, bureau);

    // 一数一源: the nightly check found the planted cases a few days ago; the bureau has decided two of them
    const stats = await scanAllDuplicates(em, officeTime(ctx, rng, 3));
    const candidates = await em.find(CatalogDuplicateCandidate, {}, { populate: ['entry'] });
    const byName = (name: string) => candidates.find((c) => c.entry.getEntity().name === name);
    const housing = byName('建筑业企业资质信息');
    if (housing) await confirmDuplicate(em, actorOf(bureau), housing.id, '资质申报时要求企业重复填报登记信息，应改为通过共享获取', officeTime(ctx, rng, 1));
    const tax = byName('纳税人登记信息');
    if (tax) await dismissDuplicate(em, actorOf(bureau), tax.id, '税务登记信息由税务机关依《中华人民共和国税收征收管理法》第十五条依法采集，属法律另有规定的情形（第九条）', officeTime(ctx, rng, 1));
    ctx.log(`目录条目 ${lives.length} 个（草稿 ${lives.filter((l) => !l.publishedAt).length} 个），版本 ${versionRows.length} 个，更新事项 ${triggers.length} 个，重复采集线索 ${stats.found} 条`);
  },
};
