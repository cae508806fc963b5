import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../errors';
import type { Actor } from '../roles';
import { assertCanEditEntry, assertCanRegisterTrigger, assertCanResolveTrigger, canCancelTrigger, canEditEntry, canReadEntry, canResolveTrigger, departmentScope, resolveNewEntryProvider, type EntryAccessFacts } from './access';
import { diffSnapshots } from './diff';
import { itemOverlap, normalizeItemName, type ItemRef } from './one-source';
import type { EntrySnapshot } from './records';
import { assertTriggerDate } from './workflows';

const actor = (roles: Actor['roles'], departmentId: number): Actor => ({ userId: 1, username: 'u', displayName: '某人', roles, departmentId });
const bureau = actor(['bureau_admin'], 1);
const gaj = actor(['dept_admin'], 3);
const rsj = actor(['dept_admin'], 5);
const leader = actor(['leader'], 2);
const agent = actor(['dept_agent'], 38);
const own: EntryAccessFacts = { providerId: 3, resourceType: 'department', library: null, status: 'published' };

describe('catalog access (第六条, 第七条)', () => {
  it('a department edits its own department resources only; the bureau edits all; leaders and agents read', () => {
    expect(canEditEntry(gaj, own, null)).toBe(true);
    expect(canEditEntry(rsj, own, null)).toBe(false);
    expect(canEditEntry(bureau, own, null)).toBe(true);
    expect(canEditEntry(leader, own, null)).toBe(false);
    expect(canEditEntry(agent, own, null)).toBe(false);
    expect(() => assertCanEditEntry(rsj, own, null)).toThrow(ForbiddenError);
    expect(() => assertCanEditEntry(leader, own, null)).toThrow(/只能查看/);
    expect(canEditEntry(gaj, { ...own, status: 'retired' }, null)).toBe(false);
  });

  it('library resources belong to the lead, whoever is named provider', () => {
    const lib: EntryAccessFacts = { providerId: 5, resourceType: 'base', library: 'population', status: 'published' };
    expect(canEditEntry(gaj, lib, 3)).toBe(true);
    expect(canEditEntry(rsj, lib, 3)).toBe(false);
    expect(() => assertCanEditEntry(rsj, lib, 3)).toThrow(/牵头部门/);
    expect(() => assertCanEditEntry(gaj, lib, null)).toThrow(/尚未指定牵头部门/);
  });

  it('drafts are read by their maintainers, the bureau and leaders; published entries by everyone', () => {
    const draft = { ...own, status: 'draft' as const };
    expect(canReadEntry(rsj, draft, null)).toBe(false);
    expect(canReadEntry(gaj, draft, null)).toBe(true);
    expect(canReadEntry(leader, draft, null)).toBe(true);
    expect(canReadEntry(rsj, own, null)).toBe(true);
  });

  it('the provider of a new entry is the caller’s department unless the bureau names one', () => {
    expect(resolveNewEntryProvider(gaj, { resourceType: 'department' }, null)).toBe(3);
    expect(resolveNewEntryProvider(bureau, { resourceType: 'department', providerId: 7 }, null)).toBe(7);
    expect(() => resolveNewEntryProvider(gaj, { resourceType: 'department', providerId: 7 }, null)).toThrow(ForbiddenError);
    expect(() => resolveNewEntryProvider(rsj, { resourceType: 'base' }, 3)).toThrow(/牵头部门/);
    expect(() => resolveNewEntryProvider(leader, { resourceType: 'department' }, null)).toThrow(ForbiddenError);
  });

  it('triggers: the bureau for anyone, a department for itself; scoped views', () => {
    expect(() => assertCanRegisterTrigger(bureau, 9)).not.toThrow();
    expect(() => assertCanRegisterTrigger(gaj, 3)).not.toThrow();
    expect(() => assertCanRegisterTrigger(gaj, 5)).toThrow(ForbiddenError);
    expect(departmentScope(gaj, undefined, 'x')).toBe(3);
    expect(() => departmentScope(gaj, 5, 'x')).toThrow(ForbiddenError);
    expect(departmentScope(leader, undefined, 'x')).toBeUndefined();
  });

  it('trigger dates: not before the regulation, not more than a year ahead', () => {
    expect(() => assertTriggerDate('2021-01-01', '2026-06-15')).toThrow(/2022-05-17/);
    expect(() => assertTriggerDate('2027-06-16', '2026-06-15')).toThrow(/一年/);
    expect(() => assertTriggerDate('2026-06-01', '2026-06-15')).not.toThrow();
  });
});

const snap = (o: Partial<EntrySnapshot> = {}): EntrySnapshot => ({
  id: 1, code: '303009001/000001', name: '养犬登记信息', resourceType: 'department', library: null, classCode: '3-03-009-001',
  provider: { id: 3, code: 'x', name: '朔州市公安局' }, summary: '摘要', format: 'database', formatDetail: null, shareType: 'conditional',
  shareConditions: '条件', noShareReason: null, noShareBasis: null, shareMethod: 'platform_api', dedicatedDepartments: [], openType: 'closed',
  openConditions: null, closedReason: 'personal_privacy', closedBasis: null, updateCycle: 'daily', dataUpdatedAt: '2026-01-01',
  securityGrade: 'general', securityAgreementRequired: false, internalReview: { scenarios: 'a', userIdentity: 'b', region: 'c', scope: 'd' },
  collectionBasisType: 'law', collectionBasis: '法', dataRange: null, applicationScenarios: null, relatedCodes: [],
  items: [
    { id: 10, name: '犬只编号', dataType: 'string', length: 20, nullable: false, primaryKey: true, sensitive: false, secret: false, desensitization: 'none', description: null },
    { id: 11, name: '住址', dataType: 'string', length: 200, nullable: true, primaryKey: false, sensitive: false, secret: false, desensitization: 'none', description: null },
  ],
  ...o,
});

describe('version diffs', () => {
  it('lists changed fields with labels, items by stable id, and ignores a refresh of the data date', () => {
    const a = snap();
    const b = snap({
      shareConditions: '新条件',
      dataUpdatedAt: '2026-06-01',
      internalReview: { ...a.internalReview, scope: '新范围' },
      dedicatedDepartments: [{ id: 9, name: '朔州市民政局' }],
      items: [{ ...a.items[1], sensitive: true, desensitization: 'mask' }, { ...a.items[0], id: 12, name: '犬只品种' }],
    });
    const changes = diffSnapshots(a, b);
    expect(changes.map((c) => c.field)).toEqual(['shareConditions', 'dedicatedDepartments', 'internalReview.scope', 'items.11.sensitive', 'items.11.desensitization', 'items.12', 'items.10']);
    expect(changes[0]).toEqual({ field: 'shareConditions', label: '共享条件', before: '条件', after: '新条件' });
    expect(changes.find((c) => c.field === 'items.11.sensitive')?.label).toBe('信息项「住址」·敏感');
    expect(diffSnapshots(a, snap({ dataUpdatedAt: '2026-12-01' }))).toEqual([]);
    expect(diffSnapshots(null, a)).toEqual([]);
    expect(diffSnapshots(a, snap({ items: [a.items[1], a.items[0]] })).map((c) => c.field)).toEqual(['items.order']);
  });
});

describe('一数一源 normalisation and overlap (第九条)', () => {
  it('maps synonyms, spacing, full-width brackets and owners of identity numbers to one name', () => {
    expect(['身份证号', '公民身份号码', '身份证件号码', '居民身份证号码', '养犬人身份证号', '买受人身份证件号码'].map(normalizeItemName)).toEqual(Array(6).fill('公民身份号码'));
    expect(['统一社会信用代码', '信用代码', '社会信用代码'].map(normalizeItemName)).toEqual(Array(3).fill('统一社会信用代码'));
    expect(normalizeItemName('出生 日期')).toBe('出生日期');
    expect(normalizeItemName('注册资本（万元）')).toBe('注册资本');
    expect(normalizeItemName('户口所在地')).toBe('户籍地址');
    expect(normalizeItemName('犬只品种')).toBe('犬只品种');
  });

  const refs = (...names: string[]): ItemRef[] => names.map((name, i) => ({ id: i + 1, name, normalized: normalizeItemName(name) }));

  it('counts standard data elements other than identifiers, from three up, ranked against the smaller side', () => {
    const population = refs('姓名', '公民身份号码', '性别', '民族', '出生日期', '户籍地址', '现住址', '婚姻状况');
    const school = refs('学籍号', '姓名', '身份证件号码', '性别', '出生年月', '民族', '户口所在地', '就读学校');
    const r = itemOverlap(school, population);
    expect(r?.items.map((i) => i.normalized)).toEqual(['性别', '出生日期', '民族', '户籍地址']);
    expect(r?.items.find((i) => i.normalized === '出生日期')).toMatchObject({ itemName: '出生年月', sourceItemName: '出生日期' });
    expect(r?.score).toBe(1);
    // identifiers alone are using shared data, not collecting it
    expect(itemOverlap(refs('姓名', '身份证号', '联系电话', '性别', '犬只编号'), population)).toBeNull();
    // a department's own records in the uniform formats never count
    expect(itemOverlap(refs('处罚决定书文号', '违法事实', '处罚依据', '罚款金额'), refs('处罚决定书文号', '违法事实', '处罚依据', '罚款金额'))).toBeNull();
  });
});

describe('trigger permissions (第七条) — the same predicate for the button and the service', () => {
  const a = (departmentId: number, ...roles: Actor['roles'][number][]): Actor => ({ userId: 1, username: 'u', displayName: 'U', roles, departmentId });
  it('lets the department’s data officer and the bureau resolve, only the bureau cancel', () => {
    expect(canResolveTrigger(a(10, 'dept_admin'), 10)).toBe(true);
    expect(canResolveTrigger(a(11, 'dept_admin'), 10)).toBe(false);
    expect(canResolveTrigger(a(10, 'leader'), 10)).toBe(false);
    expect(canResolveTrigger(a(1, 'bureau_admin'), 10)).toBe(true);
    expect(canCancelTrigger(a(1, 'bureau_admin'))).toBe(true);
    expect(canCancelTrigger(a(10, 'dept_admin'))).toBe(false);
    expect(() => assertCanResolveTrigger(a(11, 'dept_admin'), 10)).toThrow(/只能办结本部门/);
  });
});
