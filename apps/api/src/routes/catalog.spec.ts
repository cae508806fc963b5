import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Department } from '@govdata/core';
import { CatalogEntry, CatalogEntryVersion, CatalogItem, isDedicatedFor } from '@govdata/catalog';
import { entryInput } from '@govdata/catalog/testing';
import { createTestApp, type TestApp } from '../testing/harness';

describe('catalog entries: create, edit, publish, versions, rules, isolation', () => {
  let t: TestApp;
  let dept: (name: string) => Promise<number>;
  beforeAll(async () => {
    t = await createTestApp();
    dept = async (name) => (await t.db.fork().findOneOrFail(Department, { name })).id;
  });
  afterAll(() => t.close());

  const create = async (username: string, overrides = {}) => {
    const agent = await t.as(username);
    const res = await agent.post('/api/catalog/entries').send(entryInput(overrides));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: number; code: string; status: string };
  };

  it('creates a draft with a code from its classification, then publishes it as version 1', async () => {
    const created = await create('gaj');
    expect(created).toMatchObject({ status: 'draft' });
    expect(created.code).toMatch(/^303009001\/\d{6}$/);
    const gaj = await t.as('gaj');
    const detail = await gaj.get(`/api/catalog/entries/${created.id}`);
    expect(detail.body).toMatchObject({ provider: { name: '朔州市公安局' }, status: 'draft', currentVersion: 0, permissions: { canEdit: true, canPublish: true, canDelete: true } });
    expect(detail.body.items.map((i: { name: string }) => i.name)).toEqual(['免疫证号', '养犬人姓名', '养犬人身份证号', '免疫日期']);
    expect(detail.body.items[2].normalizedName).toBe('公民身份号码');

    const published = await gaj.post(`/api/catalog/entries/${created.id}/publish`).send({ note: '首次发布' });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', currentVersion: 1, permissions: { canPublish: false, canDelete: false } });
    const versions = await gaj.get(`/api/catalog/entries/${created.id}/versions`);
    expect(versions.body).toHaveLength(1);
    expect(versions.body[0]).toMatchObject({ version: 1, note: '首次发布', changeCount: 0, changedBy: expect.stringContaining('gaj') });
    expect((await gaj.post(`/api/catalog/entries/${created.id}/publish`).send({})).status).toBe(422);
  });

  it('makes every change of a published entry a new version with a field-by-field diff; items keep their ids', async () => {
    const { id } = await create('gaj', { name: '养犬登记信息（测试）' });
    const gaj = await t.as('gaj');
    await gaj.post(`/api/catalog/entries/${id}/publish`).send({});
    const before = (await gaj.get(`/api/catalog/entries/${id}`)).body;
    const [key, owner, idNo] = before.items;
    const items = [
      { ...key, normalizedName: undefined, position: undefined },
      { ...owner, name: '养犬人', normalizedName: undefined, position: undefined },
      { name: '犬只品种', dataType: 'string', length: 20 },
    ].map(({ normalizedName: _n, position: _p, ...rest }) => rest);
    const res = await gaj.patch(`/api/catalog/entries/${id}`).send({ shareConditions: '仅限犬只管理执法使用，须留存调用记录', items, lockVersion: before.lockVersion, note: '根据条例修订更新' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.currentVersion).toBe(2);
    expect(res.body.items.map((i: { id: number; name: string }) => [i.id, i.name])).toEqual([[key.id, '免疫证号'], [owner.id, '养犬人'], [expect.any(Number), '犬只品种']]);

    const versions = (await gaj.get(`/api/catalog/entries/${id}/versions`)).body;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const fields = versions[0].diff.map((c: { field: string }) => c.field);
    expect(fields).toEqual(expect.arrayContaining(['shareConditions', `items.${owner.id}.name`, `items.${idNo.id}`]));
    expect(versions[0].diff.find((c: { field: string }) => c.field === 'shareConditions')).toMatchObject({ label: '共享条件', before: '仅限犬只管理和狂犬病防控履职使用', after: '仅限犬只管理执法使用，须留存调用记录' });
    expect(versions[0].diff.find((c: { field: string }) => c.field === `items.${idNo.id}`)).toMatchObject({ label: '删除信息项「养犬人身份证号」', after: null });
    expect(versions[0].note).toBe('根据条例修订更新');
    // the removed item is kept, marked removed, so old share requests naming it still resolve
    const removed = await t.db.fork().findOneOrFail(CatalogItem, idNo.id);
    expect(removed.removedAt).toBeInstanceOf(Date);

    const diff = await gaj.get(`/api/catalog/entries/${id}/diff?from=1&to=2`);
    expect(diff.body.changes).toEqual(versions[0].diff);
    const v1 = await gaj.get(`/api/catalog/entries/${id}/versions/1`);
    expect(v1.body.snapshot.items.map((i: { name: string }) => i.name)).toContain('养犬人身份证号');

    // saving without a real change makes no version; a refresh of the data date is not a catalog change either
    expect((await gaj.patch(`/api/catalog/entries/${id}`).send({ name: '养犬登记信息（测试）' })).body.currentVersion).toBe(2);
    const refreshed = await gaj.patch(`/api/catalog/entries/${id}`).send({ dataUpdatedAt: '2026-06-14' });
    expect(refreshed.body).toMatchObject({ currentVersion: 2, dataUpdatedAt: '2026-06-14' });
  });

  it('refuses each broken rule with 400 naming the field, and saves nothing', async () => {
    const gaj = await t.as('gaj');
    const count = await t.db.fork().count(CatalogEntry, {});
    const cases: [object, string, RegExp][] = [
      [{ shareType: 'conditional', shareConditions: null }, 'body.shareConditions', /须填写共享条件/],
      [{ shareType: 'none', shareConditions: null }, 'body.noShareReason', /理由/],
      [{ shareType: 'none', noShareReason: '涉及个人隐私', noShareBasis: null }, 'body.noShareBasis', /依据/],
      [{ shareType: 'none', noShareReason: '涉及个人隐私', noShareBasis: '本局内部管理办法第三条' }, 'body.noShareBasis', /内部管理办法/],
      [{ openType: 'closed', closedReason: null }, 'body.closedReason', /不予开放原因/],
      [{ openType: 'closed', closedReason: 'other_legal' }, 'body.closedBasis', /具体依据/],
      [{ resourceType: 'base', library: null, classCode: '1-01-009-001' }, 'body.library', /基础库/],
      [{ classCode: '1-03-009-001' }, 'body.classCode', /应以 3 开头/],
      [{ securityGrade: 'core', shareType: 'unconditional', shareConditions: null }, 'body.shareType', /核心数据/],
      [{ openType: 'open', closedReason: null }, 'body.items.2.desensitization', /脱敏/],
    ];
    for (const [override, path, message] of cases) {
      const res = await gaj.post('/api/catalog/entries').send({ ...entryInput(), ...override, ...(path === 'body.items.2.desensitization' ? { items: entryInput().items?.map((i) => ({ ...i, desensitization: 'none' })) } : {}) });
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      const issue = res.body.errors.find((e: { path: string }) => e.path === path);
      expect(issue, `${path} in ${JSON.stringify(res.body.errors)}`).toBeDefined();
      expect(issue.message).toMatch(message);
    }
    expect(await t.db.fork().count(CatalogEntry, {})).toBe(count);

    // an edit is validated merged with what is stored: switching to conditional without conditions fails the same way
    const { id } = await create('gaj', { shareType: 'unconditional', shareConditions: null });
    await gaj.post(`/api/catalog/entries/${id}/publish`).send({});
    const res = await gaj.patch(`/api/catalog/entries/${id}`).send({ shareType: 'conditional' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('body.shareConditions');
    const after = await t.db.fork().findOneOrFail(CatalogEntry, id);
    expect([after.shareType, after.currentVersion]).toEqual(['unconditional', 1]);
  });

  it('lets a department edit only its own entries: another department gets 403 and nothing changes', async () => {
    const { id } = await create('gaj', { name: '隔离测试资源' });
    const gaj = await t.as('gaj');
    const rsj = await t.as('rsj');
    const leader = await t.as('leader');
    const lock = (await gaj.get(`/api/catalog/entries/${id}`)).body.lockVersion;

    // a draft is not even visible to other departments
    expect((await rsj.get(`/api/catalog/entries/${id}`)).status).toBe(404);
    const patch = await rsj.patch(`/api/catalog/entries/${id}`).send({ name: '被篡改' });
    expect(patch.status).toBe(403);
    expect(patch.body.detail).toMatch(/谁编制、谁维护/);
    expect((await rsj.post(`/api/catalog/entries/${id}/publish`).send({})).status).toBe(403);
    expect((await rsj.delete(`/api/catalog/entries/${id}`)).status).toBe(403);
    expect((await leader.patch(`/api/catalog/entries/${id}`).send({ name: '被篡改' })).status).toBe(403);
    expect((await leader.post('/api/catalog/entries').send(entryInput())).status).toBe(403);
    // a department cannot file an entry in another department's name
    expect((await rsj.post('/api/catalog/entries').send(entryInput({ providerId: await dept('朔州市公安局') }))).status).toBe(403);
    const stored = await t.db.fork().findOneOrFail(CatalogEntry, id);
    expect([stored.name, stored.status, stored.lockVersion]).toEqual(['隔离测试资源', 'draft', lock]);
    expect(await t.db.fork().count(AuditEvent, { subjectType: 'catalog_entry', subjectId: String(id), action: 'catalog.entry.update' })).toBe(0);

    // once published everyone reads it; the leader reads everything; the bureau may edit it
    await gaj.post(`/api/catalog/entries/${id}/publish`).send({});
    expect((await rsj.get(`/api/catalog/entries/${id}`)).body.permissions.canEdit).toBe(false);
    expect((await leader.get(`/api/catalog/entries/${id}`)).status).toBe(200);
    const bureau = await t.as('bureau');
    expect((await bureau.patch(`/api/catalog/entries/${id}`).send({ summary: '平台管理员补充的摘要。' })).body.currentVersion).toBe(2);
  });

  it('has base-library entries maintained by the lead department the bureau names (第六条)', async () => {
    const gaj = await t.as('gaj');
    const scjgj = await t.as('scjgj');
    const bureau = await t.as('bureau');
    const base = { resourceType: 'base', library: 'population', classCode: '1-01-050-001', name: '人口测试资源' } as const;
    // no lead yet: only the bureau
    const noLead = await gaj.post('/api/catalog/entries').send(entryInput(base));
    expect(noLead.status).toBe(403);
    expect(noLead.body.detail).toMatch(/尚未指定牵头部门/);
    const set = await bureau.put('/api/catalog/library-leads').send({ resourceType: 'base', library: 'population', departmentId: await dept('朔州市公安局') });
    expect(set.status).toBe(200);
    expect(set.body.find((l: { library: string }) => l.library === 'population')).toMatchObject({ label: '人口库', department: { name: '朔州市公安局' } });
    expect((await scjgj.put('/api/catalog/library-leads').send({ resourceType: 'base', library: 'population', departmentId: 1 })).status).toBe(403);

    const created = await gaj.post('/api/catalog/entries').send(entryInput(base));
    expect(created.status).toBe(201);
    expect(created.body.code).toMatch(/^101050001\//);
    expect((await scjgj.post('/api/catalog/entries').send(entryInput({ ...base, name: '另一个' }))).status).toBe(403);
    expect((await scjgj.patch(`/api/catalog/entries/${created.body.id}`).send({ name: '改名' })).status).toBe(403);
    // handing the library to another lead hands over its maintenance
    await bureau.put('/api/catalog/library-leads').send({ resourceType: 'base', library: 'population', departmentId: await dept('朔州市市场监督管理局') });
    expect((await scjgj.patch(`/api/catalog/entries/${created.body.id}`).send({ name: '改名' })).status).toBe(200);
    expect((await gaj.patch(`/api/catalog/entries/${created.body.id}`).send({ name: '再改名' })).status).toBe(403);
  });

  it('refuses a stale edit with 409 (optimistic lock)', async () => {
    const { id } = await create('gaj', { name: '并发编辑测试' });
    const gaj = await t.as('gaj');
    const lock = (await gaj.get(`/api/catalog/entries/${id}`)).body.lockVersion;
    expect((await gaj.patch(`/api/catalog/entries/${id}`).send({ summary: '第一次修改。', lockVersion: lock })).status).toBe(200);
    const stale = await gaj.patch(`/api/catalog/entries/${id}`).send({ summary: '基于旧内容的修改。', lockVersion: lock });
    expect(stale.status).toBe(409);
    expect((await t.db.fork().findOneOrFail(CatalogEntry, id)).summary).toBe('第一次修改。');
  });

  it('never reuses a code, not even of a deleted draft', async () => {
    const first = await create('rsj', { classCode: '3-05-040-001', name: '编码测试一' });
    const rsj = await t.as('rsj');
    expect((await rsj.delete(`/api/catalog/entries/${first.id}`)).status).toBe(204);
    const second = await create('rsj', { classCode: '3-05-040-001', name: '编码测试二' });
    expect(Number(second.code.split('/')[1])).toBe(Number(first.code.split('/')[1]) + 1);
  });

  it('lists with filters, full-text search over names, summaries and item names, and pagination', async () => {
    const rsj = await t.as('rsj');
    const mzj = await dept('朔州市民政局');
    const a = await create('rsj', { name: '灵活就业人员登记信息', classCode: '3-05-041-001', dedicatedDepartmentIds: [mzj], items: [{ name: '灵活就业登记号', dataType: 'string', length: 20, nullable: false, primaryKey: true }, { name: '从业行业', dataType: 'string', length: 30 }] });
    const b = await create('rsj', { name: '劳务派遣单位信息', classCode: '3-05-041-002', shareType: 'unconditional', shareConditions: null });
    await rsj.post(`/api/catalog/entries/${a.id}/publish`).send({});
    await rsj.post(`/api/catalog/entries/${b.id}/publish`).send({});
    const byItem = await rsj.get(`/api/catalog/entries?q=${encodeURIComponent('从业行业')}`);
    expect(byItem.body.items.map((e: { id: number }) => e.id)).toEqual([a.id]);
    const twoWords = await rsj.get(`/api/catalog/entries?q=${encodeURIComponent('劳务 派遣')}`);
    expect(twoWords.body.items.map((e: { id: number }) => e.id)).toEqual([b.id]);
    const filtered = await rsj.get(`/api/catalog/entries?departmentId=${await dept('朔州市人力资源和社会保障局')}&shareType=unconditional&status=published`);
    expect(filtered.body.items.map((e: { id: number }) => e.id)).toContain(b.id);
    expect(filtered.body.items.every((e: { shareType: string }) => e.shareType === 'unconditional')).toBe(true);
    const dedicated = await rsj.get(`/api/catalog/entries?dedicatedTo=${mzj}`);
    expect(dedicated.body.items.map((e: { id: number }) => e.id)).toEqual([a.id]);
    expect(await isDedicatedFor(t.db.fork(), a.id, mzj)).toBe(true);
    expect(await isDedicatedFor(t.db.fork(), b.id, mzj)).toBe(false);
    const page = await rsj.get('/api/catalog/entries?pageSize=2&page=1&sort=code&order=asc');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(2);
    expect(page.body.items[0].code < page.body.items[1].code).toBe(true);
    // other departments' drafts stay out of the list
    const drafts = await rsj.get('/api/catalog/entries?status=draft&pageSize=200');
    expect(drafts.body.items.every((e: { provider: { name: string } }) => e.provider.name === '朔州市人力资源和社会保障局')).toBe(true);
    expect((await rsj.get('/api/catalog/entries?shareType=sometimes')).status).toBe(400);
  });

  it('searches through the engine\'s text index: long and short words, mixed, literal wildcards and quotes, and follows edits', async () => {
    const rsj = await t.as('rsj');
    const ids = async (q: string) => ((await rsj.get('/api/catalog/entries').query({ q, pageSize: 100 })).body.items as { id: number }[]).map((e) => e.id).sort();
    const c = await create('rsj', { name: '职业技能等级证书信息', classCode: '3-05-041-003', summary: '含 100%_达标 "星级" 标记的证书记录。' });
    await rsj.post(`/api/catalog/entries/${c.id}/publish`).send({});
    expect(await ids('职业技能等级')).toEqual([c.id]); // ≥ 3 characters: the index
    expect(await ids('证书')).toContain(c.id); // 2 characters: read row by row
    expect(await ids('技能 证书 等级证')).toEqual([c.id]); // mixed
    expect(await ids('100%_达标')).toEqual([c.id]);
    expect(await ids('10%达')).toEqual([]); // % and _ are characters, not wildcards
    expect(await ids('"星级"')).toEqual([c.id]); // quotes are characters, not FTS syntax
    expect(await ids('等级 OR 登记')).toEqual([]);
    // an edit is searchable at once, and the old text no longer is
    await rsj.patch(`/api/catalog/entries/${c.id}`).send({ name: '专项职业能力证书信息' });
    expect(await ids('专项职业能力')).toEqual([c.id]);
    expect(await ids('职业技能等级')).toEqual([]);
  });

  it('finds CJK words of one and two characters (beyond a trigram index) exactly, counts them and pages them in SQL', async () => {
    const rsj = await t.as('rsj');
    const list = async (query: Record<string, string | number>) => (await rsj.get('/api/catalog/entries').query(query)).body as { items: { id: number }[]; total: number };
    const ids = async (q: string) => (await list({ q, pageSize: 100 })).items.map((e) => e.id).sort((x, y) => x - y);
    const x = await create('rsj', { name: '麒麟山景区游客信息', classCode: '3-05-041-004' });
    const y = await create('rsj', { name: '麒麟湾码头登船记录', classCode: '3-05-041-005', items: [{ name: '鳐鱼品种', dataType: 'string', length: 20 }] });
    const z = await create('rsj', { name: '古麒遗址保护名录', classCode: '3-05-041-006' });
    for (const e of [x, y, z]) await rsj.post(`/api/catalog/entries/${e.id}/publish`).send({});
    expect(await ids('麒')).toEqual([x.id, y.id, z.id]); // one character
    expect(await ids('麒麟')).toEqual([x.id, y.id]); // two characters
    expect(await ids('鳐')).toEqual([y.id]); // an item's name
    expect(await ids('麒 码头登船')).toEqual([y.id]); // a short and an indexed word
    expect(await ids('麟 鳐')).toEqual([y.id]); // two short words
    expect(await ids('麒麟 古')).toEqual([]);
    // the total counts every match; the pages follow the sort and split the matches
    const first = await list({ q: '麒', pageSize: 2, page: 1, sort: 'code', order: 'asc' });
    const second = await list({ q: '麒', pageSize: 2, page: 2, sort: 'code', order: 'asc' });
    expect([first.total, second.total]).toEqual([3, 3]);
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual([x.id, y.id, z.id]);
    // with a filter the count is the filtered one
    expect((await list({ q: '麒', shareType: 'unconditional' })).total).toBe(0);
    expect((await list({ q: '麒', shareType: 'conditional', status: 'published', updateCycle: 'daily' })).total).toBe(3);
  });

  it('finds a long word only where its characters stand together, characters beyond the BMP exactly, and follows a filter changed by an edit', async () => {
    const rsj = await t.as('rsj');
    const list = async (query: Record<string, string | number>) => (await rsj.get('/api/catalog/entries').query({ pageSize: 100, ...query })).body as { items: { id: number }[]; total: number };
    const ids = async (query: Record<string, string | number>) => (await list(query)).items.map((e) => e.id).sort((x, y) => x - y);
    // every pair of 鸾凤鹤翔 is in the first entry, apart; only the second holds the word
    const apart = await create('rsj', { name: '鸾凤台与凤鹤园', classCode: '3-05-041-007', items: [{ name: '鹤翔编号', dataType: 'string', length: 20 }] });
    const together = await create('rsj', { name: '鸾凤鹤翔名录', classCode: '3-05-041-008' });
    const astral = await create('rsj', { name: '𠀀字古籍目录', classCode: '3-05-041-009' });
    for (const e of [apart, together, astral]) await rsj.post(`/api/catalog/entries/${e.id}/publish`).send({});
    expect(await ids({ q: '鸾凤鹤翔' })).toEqual([together.id]);
    expect(await ids({ q: '凤鹤' })).toEqual([apart.id, together.id]);
    expect(await ids({ q: '𠀀' })).toEqual([astral.id]);
    expect(await ids({ q: '𪚥' })).toEqual([]); // another character beyond the BMP: same code, read again, not there
    expect(await ids({ q: '𠀀字' })).toEqual([astral.id]);
    // a filter the index holds follows an edit of the entry
    expect(await ids({ q: '鸾凤', shareType: 'conditional', updateCycle: 'daily' })).toEqual([apart.id, together.id]);
    const edited = await rsj.patch(`/api/catalog/entries/${together.id}`).send({ shareType: 'unconditional', shareConditions: null, updateCycle: 'monthly' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(await ids({ q: '鸾凤', shareType: 'conditional', updateCycle: 'daily' })).toEqual([apart.id]);
    expect(await ids({ q: '鸾凤', shareType: 'unconditional', updateCycle: 'monthly' })).toEqual([together.id]);
    expect((await list({ q: '鸾凤鹤翔', shareType: 'unconditional', status: 'published' })).total).toBe(1);
  });

  it('writes an audit event for every change and keeps versions append-only', async () => {
    const { id } = await create('scjgj', { classCode: '3-04-050-001', name: '审计测试资源' });
    const scjgj = await t.as('scjgj');
    await scjgj.post(`/api/catalog/entries/${id}/publish`).send({});
    await scjgj.patch(`/api/catalog/entries/${id}`).send({ summary: '更新后的摘要。' });
    const actions = (await t.db.fork().find(AuditEvent, { subjectType: 'catalog_entry', subjectId: String(id) }, { orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['catalog.entry.create', 'catalog.entry.publish', 'catalog.entry.update']);
    const v1 = await t.db.fork().findOneOrFail(CatalogEntryVersion, { entry: id, version: 1 });
    expect(v1.snapshot.summary).toBe('全市养犬人为犬只办理狂犬病免疫的登记记录。');
  });
});
