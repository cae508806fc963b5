import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryInputSchema } from '@govdata/domain';
import { CalendarHolder, Deadline } from '@govdata/core';
import { CatalogDuplicateCandidate, CatalogEntry, CatalogEntryVersion, CatalogRelease, CatalogUpdateTrigger, inputOf, loadAggregates } from '@govdata/catalog';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '../testing';
import { seedDemo } from '@govdata/demo';
import { AppSystem, CallRecord, DatasetVersion, newSealKey, sealCallDays, verifyCallChain } from '@govdata/gateway';
import { OpenDataset } from '@govdata/opendata';

const NOW = new Date('2026-11-20T10:00:00+08:00');

describe('demo catalog seed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPlatformTestDatabase();
    await seedDemo(db.fork(), { now: NOW, calendar: await CalendarHolder.load(db.fork()) });
  });
  afterAll(() => db.drop());

  it('has 600+ resources across the departments, in realistic share and open proportions', async () => {
    const em = db.fork();
    const total = await em.count(CatalogEntry, {});
    expect(total).toBeGreaterThanOrEqual(600);
    const providers = await em.execute<{ n: number | string }[]>('select count(distinct provider_id) as n from catalog_entries');
    expect(Number(providers[0].n)).toBeGreaterThanOrEqual(40);
    const share = async (shareType: 'conditional' | 'unconditional' | 'none') => em.count(CatalogEntry, { shareType });
    const [conditional, unconditional, none] = [await share('conditional'), await share('unconditional'), await share('none')];
    expect(conditional / total).toBeGreaterThan(0.5);
    expect(unconditional).toBeGreaterThan(none);
    expect(none).toBeGreaterThan(0);
    expect(none / total).toBeLessThan(0.05);
    expect(await em.count(CatalogEntry, { openType: 'closed' })).toBeGreaterThan(await em.count(CatalogEntry, { openType: 'open' }));
    expect(await em.count(CatalogEntry, { status: 'draft' })).toBeGreaterThan(0);
    expect(await em.count(CatalogEntry, { dedicated: true })).toBeGreaterThan(0);
    for (const name of ['人口基本信息', '户籍迁移信息', '企业登记信息', '行政处罚案件信息', '社会保险参保信息']) expect(await em.count(CatalogEntry, { name })).toBe(1);
  });

  it('holds only entries that pass the catalog rules, with histories through the 18 months before now', async () => {
    const em = db.fork();
    for (const a of await loadAggregates(em, {})) {
      const r = entryInputSchema.safeParse(inputOf(a));
      expect(r.success, `${a.entry.name}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
    }
    const versions = await em.find(CatalogEntryVersion, {}, { fields: ['changedAt', 'version', 'diff'] });
    const times = versions.map((v) => v.changedAt.getTime());
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
    expect(Math.min(...times)).toBeGreaterThan(NOW.getTime() - 560 * 86_400_000);
    expect(versions.filter((v) => v.version > 1).length).toBeGreaterThan(200);
    expect(versions.filter((v) => v.version > 1).every((v) => v.diff.length > 0)).toBe(true);
    // some resources have long histories
    expect(await em.count(CatalogEntry, { currentVersion: { $gte: 3 } })).toBeGreaterThan(5);
  });

  it('has triggers in every state, some overdue as of now, the releases and the planted duplicates', async () => {
    const em = db.fork();
    expect(await em.count(CatalogUpdateTrigger, {})).toBeGreaterThanOrEqual(20);
    expect(await em.count(Deadline, { kind: 'catalog_update', state: 'open', dueAt: { $lt: NOW } })).toBeGreaterThanOrEqual(3);
    expect(await em.count(Deadline, { kind: 'catalog_update', state: 'open', dueAt: { $gte: NOW } })).toBeGreaterThanOrEqual(2);
    expect(await em.count(Deadline, { kind: 'catalog_update', state: 'met' })).toBeGreaterThanOrEqual(10);
    expect(await em.count(Deadline, { kind: 'catalog_update', state: 'missed' })).toBeGreaterThanOrEqual(2);
    expect(await em.count(CatalogRelease, {})).toBe(4);
    expect(await em.count(CatalogDuplicateCandidate, {})).toBe(5);
  });

  it('carries data through the gateway (issue 15 §8): live datasets of 市公安局, 市场监管局 and 人社局, two systems, a month of calls on a chain that verifies', async () => {
    const em = db.fork();
    const all = await em.find(DatasetVersion, { status: 'live' }, { populate: ['entry.provider'] });
    // the gateway's datasets (240 rows each); the open catalog's datasets with data come from their own seeder
    const live = all.filter((v) => v.rows === 240);
    expect(live.map((v) => v.entry.getEntity().provider.getEntity().name).sort()).toEqual(['朔州市人力资源和社会保障局', '朔州市公安局', '朔州市市场监督管理局']);
    expect(all.every((v) => v.entry.getEntity().dataOnPlatform)).toBe(true);
    const openWithData = await em.find(OpenDataset, { withdrawnAt: null, entry: { id: { $in: all.map((v) => v.entry.id) }, openType: 'open' } });
    expect(openWithData.length).toBeGreaterThanOrEqual(2);
    expect(await em.count(AppSystem, { status: 'active' })).toBe(2);
    const calls = await em.count(CallRecord, {});
    expect(calls).toBeGreaterThan(2000);
    expect(await em.count(CallRecord, { status: 'ok' })).toBeGreaterThan(calls * 0.9);
    // the seeded chain is whole, and the nightly seal signs its finished days
    const key = newSealKey();
    const sealed = await sealCallDays(em, key, new Date());
    expect(sealed).toBeGreaterThanOrEqual(30);
    const verified = await verifyCallChain(db.fork(), key.publicKeyPem);
    expect(verified).toMatchObject({ ok: true, checked: calls, firstBroken: null, seals: { bad: [] } });
    expect(verified.seals.checked).toBe(sealed);
  });

  it('is deterministic: the same seed and now give the same catalog', { timeout: 120_000 }, async () => {
    const other = await createPlatformTestDatabase();
    try {
      await seedDemo(other.fork(), { now: NOW, calendar: await CalendarHolder.load(other.fork()) });
      const rows = async (d: TestDatabase) => (await d.fork().find(CatalogEntry, {}, { orderBy: { code: 'asc' } })).map((e) => [e.code, e.name, e.shareType, e.openType, e.currentVersion, e.dataUpdatedAt]);
      expect(await rows(other)).toEqual(await rows(db));
    } finally {
      await other.drop();
    }
  });
});
