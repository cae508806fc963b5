import { actorOf, sqlRun, type IUser } from '@govdata/core';
import { CatalogItem } from '@govdata/catalog';
import { DatasetVersion, publishDatasetVersion, uploadDataset } from '@govdata/gateway';
import { OpenDataset } from '@govdata/opendata';
import { shanghaiDate } from '@govdata/workdays';
import { csvCell, date, valueOf } from './gateway';
import type { DemoSeeder } from './seeder';

const DAY = 86_400_000;
/** open datasets that carry data in the demo, and their sizes (the gateway's own demo datasets have 240 rows) */
const SIZES = [1_200, 600, 360];

/**
 * 开放数据 with data (issue 16 §1, §9): a few 无条件开放 datasets of the open catalog get their data uploaded and
 * published by the provider's data officer — one of them twice, so the page shows an update history — so that the
 * portal's downloads, preview and API examples work after `npm start`; and a month of daily usage (views, downloads)
 * for the bureau's statistics. Runs after the gateway seeder (whose datasets belong to shared, not always open, entries).
 */
export const opendataDataSeeder: DemoSeeder = {
  name: 'opendata-data',
  async run(ctx) {
    const { em } = ctx;
    const rng = ctx.rng.fork('opendata-data');
    const officer = new Map<number, IUser>();
    for (const u of ctx.users.values()) if (u.roles.includes('dept_admin') && !officer.has(u.department.id)) officer.set(u.department.id, u);

    const open = await em.find(OpenDataset, { withdrawnAt: null }, { populate: ['entry'], orderBy: { id: 'asc' } });
    const candidates = open.filter((d) => {
      const e = d.entry.getEntity();
      return e.status === 'published' && e.openType === 'open' && officer.has(e.provider.id);
    });
    const live = new Set((await em.find(DatasetVersion, { status: 'live' }, { fields: ['entry'] })).map((v) => v.entry.id));
    // different departments first, entries with a handful of items (a readable preview)
    const chosen: typeof candidates = [];
    const providers = new Set<number>();
    for (const d of candidates) {
      if (chosen.length >= SIZES.length) break;
      const e = d.entry.getEntity();
      if (live.has(e.id) || providers.has(e.provider.id)) continue;
      const items = await em.count(CatalogItem, { entry: e.id, removedAt: null });
      if (items < 4 || items > 14) continue;
      chosen.push(d);
      providers.add(e.provider.id);
    }

    for (const [n, d] of chosen.entries()) {
      const entry = d.entry.getEntity();
      const items = await em.find(CatalogItem, { entry: entry.id, removedAt: null }, { orderBy: { position: 'asc' } });
      const actor = actorOf(officer.get(entry.provider.id) as IUser);
      const rows = SIZES[n] as number;
      // the first dataset was updated once: an older, smaller version, then the current one
      const versions = n === 0 ? [{ rows: Math.floor(rows * 0.8), daysAgo: 75 }, { rows, daysAgo: 12 }] : [{ rows, daysAgo: 40 + n * 9 }];
      for (const v of versions) {
        const lines = [items.map((i) => csvCell(i.fieldName)).join(',')];
        for (let r = 0; r < v.rows; r++) {
          const birth = date(rng, 1950, 2005);
          lines.push(items.map((i) => csvCell(valueOf(i, rng, r, birth))).join(','));
        }
        const at = new Date(ctx.now.getTime() - v.daysAgo * DAY);
        const dctx = { em, actor, now: at };
        const bytes = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
        const up = await uploadDataset(dctx, entry.id, { body: (async function* () { yield bytes; })(), format: 'csv', filename: `${entry.code.replace(/\//g, '-')}.csv`, maxBytes: 64 * 1024 * 1024, maxRows: 100_000 });
        await publishDatasetVersion(dctx, up.versionId);
      }
    }
    await em.flush();

    // a month of daily usage for every open dataset: more for those with data; never more than the running totals
    const today = ctx.now.getTime();
    const withData = new Set(chosen.map((d) => d.id));
    for (const d of open) {
      const busy = withData.has(d.id);
      let views = 0;
      let downloads = 0;
      for (let k = 29; k >= 0; k--) {
        const v = busy ? rng.int(5, 40) : rng.int(0, 4);
        const dl = busy ? rng.int(1, 9) : 0;
        if (!v && !dl) continue;
        views += v;
        downloads += dl;
        await sqlRun(em, 'insert into open_usage (dataset_id, day, views, downloads) values (?, ?, ?, ?)', [d.id, shanghaiDate(new Date(today - k * DAY)), v, dl]);
      }
      d.views = Math.max(d.views, views) + (busy ? 300 : 0);
      d.downloads = Math.max(d.downloads, downloads) + (busy ? 120 : 0);
    }
    await em.flush();
    ctx.log(`开放数据：${chosen.length} 个无条件开放数据集已发布数据（${chosen.map((d) => d.name).join('、')}），近 30 天使用统计`);
  },
};
