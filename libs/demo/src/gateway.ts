import { actorOf, type IUser } from '@govdata/core';
import { CatalogItem, type ICatalogItem } from '@govdata/catalog';
import { ShareGrant } from '@govdata/sharing';
import { appendCalls, publishDatasetVersion, registerSystem, sm3Hex, uploadDataset, type CallInput } from '@govdata/gateway';
import type { CallStatus } from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { personName, type Prng } from './prng';
import type { DemoSeeder } from './seeder';

const DAY = 86_400_000;
/** rows per demo dataset: enough to page through and search, small enough to seed in a blink */
const ROWS = 240;
/** the providers whose data the demo carries (issue 15 §8) */
const PROVIDERS = ['gaj', 'scjgj', 'rsj'];
const CALL_DAYS = 30;

/** 18-digit 公民身份号码 with a valid check digit (GB 11643), region 朔州 — clearly fictitious people. */
function idNumber(rng: Prng, birth: string, seq: number): string {
  const body = `140602${birth.replace(/-/g, '')}${String(seq % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (weights[i] as number), 0);
  void rng;
  return body + '10X98765432'[sum % 11];
}

const pad = (n: number) => String(n).padStart(2, '0');
export const date = (rng: Prng, from: number, to: number) => `${rng.int(from, to)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;

/** A plausible value for an item, from its name and type — fictitious, but of the right shape. */
export function valueOf(item: ICatalogItem, rng: Prng, row: number, birth: string): string {
  const n = item.name;
  const fit = (s: string) => (item.length ? [...s].slice(0, item.length).join('') : s);
  if (/身份号码|身份证/.test(n)) return idNumber(rng, birth, row);
  if (/出生/.test(n) && item.dataType === 'date') return birth;
  if (/姓名|法定代表人|负责人/.test(n)) return fit(personName(rng));
  if (/电话|手机|联系方式/.test(n)) return `1${rng.pick(['35', '39', '58', '86', '89'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
  if (/信用代码/.test(n)) return `91140600MA0${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
  if (/性别/.test(n)) return rng.pick(['男', '女']);
  if (/名称/.test(n)) return fit(`${personName(rng)}${rng.pick(['商行', '便利店', '小吃店', '建材经营部', '农资门市部'])}`);
  if (/地址|住址|住所|场所/.test(n)) return fit(`朔州市${rng.pick(['朔城区', '平鲁区', '怀仁市', '山阴县', '应县', '右玉县'])}${rng.pick(['开发', '文远', '民福', '张辽'])}路${rng.int(1, 399)}号`);
  switch (item.dataType) {
    case 'integer':
      return String(rng.int(0, 5000));
    case 'decimal':
      return (rng.int(0, 10_000_000) / 100).toFixed(2);
    case 'date':
      return date(rng, 2015, 2026);
    case 'datetime':
      return `${date(rng, 2020, 2026)} ${pad(rng.int(8, 17))}:${pad(rng.int(0, 59))}:00`;
    case 'boolean':
      return rng.pick(['是', '否']);
    default:
      return fit(`${n}（示例）${row + 1}`);
  }
}

export const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * 数据 behind the catalog (issue 15 §8): for the demo entries of 市公安局, 市市场监管局 and 人社局 that other departments
 * hold grants for, a generated dataset (fictitious people and firms) uploaded and published through the services;
 * two consuming departments register a system each; a month of calls on the record chain — mostly answered, some
 * refused — so that 调用记录, the certificate and the verification show real figures after `npm start`.
 */
export const gatewaySeeder: DemoSeeder = {
  name: 'gateway',
  async run(ctx) {
    const { em } = ctx;
    const rng = ctx.rng.fork('gateway');
    const officer = new Map<number, IUser>();
    for (const u of ctx.users.values()) if (u.roles.includes('dept_admin') && !officer.has(u.department.id)) officer.set(u.department.id, u);
    const today = shanghaiDate(ctx.now);
    const providerIds = PROVIDERS.map((slug) => ctx.departments.get(slug)?.id).filter((id): id is number => id !== undefined);
    const grants = await em.find(ShareGrant, { status: 'active', validUntil: { $gte: today }, provider: { $in: providerIds } }, { populate: ['entry'], orderBy: { id: 'asc' } });
    const usable = grants.filter((g) => g.entry.getEntity().status === 'published' && officer.has(g.consumer.id) && officer.has(g.provider.id));

    // one entry per provider, the one with most grants
    const chosen = new Map<number, (typeof usable)[number]['entry']>();
    for (const pid of providerIds) {
      const counts = new Map<number, number>();
      for (const g of usable.filter((x) => x.provider.id === pid)) counts.set(g.entry.id, (counts.get(g.entry.id) ?? 0) + 1);
      const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
      const g = best && usable.find((x) => x.entry.id === best[0]);
      if (g) chosen.set(g.entry.id, g.entry);
    }

    const uploadAt = new Date(ctx.now.getTime() - (CALL_DAYS + 2) * DAY);
    const fieldsOf = new Map<number, ICatalogItem[]>();
    const versionOf = new Map<number, number>();
    for (const entryRef of chosen.values()) {
      const entry = entryRef.getEntity();
      const items = await em.find(CatalogItem, { entry: entry.id, removedAt: null }, { orderBy: { position: 'asc' } });
      fieldsOf.set(entry.id, items);
      const lines = [items.map((i) => csvCell(i.fieldName)).join(',')];
      for (let r = 0; r < ROWS; r++) {
        const birth = date(rng, 1950, 2005);
        lines.push(items.map((i) => csvCell(valueOf(i, rng, r, birth))).join(','));
      }
      const bytes = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
      const dctx = { em, actor: actorOf(officer.get(entry.provider.id) as IUser), now: uploadAt };
      const up = await uploadDataset(dctx, entry.id, { body: (async function* () { yield bytes; })(), format: 'csv', filename: `${entry.code.replace(/\//g, '-')}.csv`, maxBytes: 64 * 1024 * 1024, maxRows: 100_000 });
      await publishDatasetVersion(dctx, up.versionId);
      versionOf.set(entry.id, up.version);
    }

    // two consuming departments register a system each
    // departments with a demo login first (gaj, scjgj, rsj), so that a reader can try the gateway as its owner
    const rank = (id: number) => (providerIds.includes(id) ? providerIds.indexOf(id) : providerIds.length + id);
    const consumers = [...new Set(usable.filter((g) => chosen.has(g.entry.id)).map((g) => g.consumer.id))].sort((a, b) => rank(a) - rank(b)).slice(0, 2);
    const systems: { id: number; clientId: string; departmentId: number }[] = [];
    for (const [i, departmentId] of consumers.entries()) {
      const user = officer.get(departmentId) as IUser;
      const name = ['一网通办业务协同系统', '综合监管执法平台'][i] as string;
      const made = await registerSystem({ em, actor: actorOf(user), now: uploadAt }, { name, description: `${name}：按共享授权调用提供部门数据（演示）` });
      systems.push({ id: made.id, clientId: made.clientId, departmentId });
    }

    // a month of calls, time-ordered on the chain: answered mostly, a few refused or limited
    const calls: CallInput[] = [];
    for (const s of systems) {
      for (const g of usable.filter((x) => x.consumer.id === s.departmentId && chosen.has(x.entry.id))) {
        const items = fieldsOf.get(g.entry.id) ?? [];
        const granted = items.filter((i) => g.itemIds.includes(i.id)).map((i) => i.fieldName);
        const key = items.find((i) => i.queryKey)?.fieldName ?? null;
        const perDay = rng.int(20, 45);
        for (let d = CALL_DAYS; d >= 1; d--) {
          for (let k = 0; k < perDay; k++) {
            const status: CallStatus = rng.weighted([['ok', 96], ['rate_limited', 2], ['bad_request', 1], ['not_found', 1]] as const);
            const http = { ok: 200, rate_limited: 429, bad_request: 400, not_found: 404 }[status as 'ok'] ?? 200;
            const ok = status === 'ok';
            calls.push({
              at: new Date(ctx.now.getTime() - d * DAY + rng.int(8 * 3600, 18 * 3600) * 1000),
              systemId: s.id, clientId: s.clientId, departmentId: s.departmentId, entryId: g.entry.id, grantId: g.id, datasetVersion: versionOf.get(g.entry.id) ?? null,
              queryFields: key ? [key] : [], queryHash: key ? sm3Hex(`${key}=${rng.int(1, 1e9)}`) : null,
              fieldsReturned: ok ? granted : [], rowCount: ok ? rng.weighted([[1, 8], [0, 1], [2, 1]] as const) : 0,
              status, httpStatus: http, latencyMs: rng.int(4, ok ? 60 : 8), responseHash: ok ? sm3Hex(`demo:${g.id}:${d}:${k}`) : null,
            });
          }
        }
      }
    }
    calls.sort((a, b) => a.at.getTime() - b.at.getTime());
    await appendCalls(em, calls);
    await em.flush();
    ctx.log(`网关：${chosen.size} 个数据集（每个 ${ROWS} 行）、${systems.length} 个接入系统、${calls.length} 条调用记录`);
  },
};
