import { describe, expect, it } from 'vitest';
import { entryInputSchema, entryPatchSchema, type EntryInputDraft } from './schemas';
import '../index';

const valid = (o: Partial<EntryInputDraft> = {}): EntryInputDraft => ({
  name: '养犬登记信息',
  resourceType: 'department',
  classCode: '3-03-009-001',
  summary: '养犬登记。',
  format: 'database',
  shareType: 'conditional',
  shareConditions: '仅限履职使用',
  shareMethod: 'platform_api',
  openType: 'closed',
  closedReason: 'personal_privacy',
  updateCycle: 'daily',
  securityGrade: 'general',
  internalReview: { scenarios: '执法', userIdentity: '政务部门', region: '朔州市', scope: '履职' },
  collectionBasisType: 'law',
  collectionBasis: '《山西省养犬管理条例》',
  items: [
    { name: '犬只编号', dataType: 'string', length: 20, nullable: false, primaryKey: true },
    { name: '养犬人身份证号', dataType: 'string', length: 18, sensitive: true, desensitization: 'partial_mask' },
  ],
  ...o,
});

/** The paths of the issues a payload raises (empty when it passes). */
const issues = (o: Partial<EntryInputDraft>): string[] => {
  const r = entryInputSchema.safeParse(valid(o));
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};
const messageAt = (o: Partial<EntryInputDraft>, path: string): string | undefined => {
  const r = entryInputSchema.safeParse(valid(o));
  return r.success ? undefined : r.error.issues.find((i) => i.path.join('.') === path)?.message;
};

describe('catalog entry schema: the rules of 第十三条, 第十四条, 第二十三条, 第十一条, 第六条', () => {
  it('accepts a complete entry and fills the defaults', () => {
    const r = entryInputSchema.parse(valid());
    expect(r).toMatchObject({ dedicatedDepartmentIds: [], relatedCodes: [], securityAgreementRequired: false, library: null, dataUpdatedAt: null });
    expect(r.items[1]).toMatchObject({ nullable: true, primaryKey: false, secret: false, description: null });
  });

  it('conditional sharing needs its conditions (第十三条(二))', () => {
    expect(issues({ shareConditions: null })).toEqual(['shareConditions']);
    expect(issues({ shareConditions: '   ' })).toEqual(['shareConditions']);
    expect(messageAt({ shareConditions: null }, 'shareConditions')).toMatch(/有条件共享的资源须填写共享条件/);
  });

  it('refusing to share needs reasons and a legal basis that is not an internal rule (第十三条(三), 第十四条(一))', () => {
    expect(issues({ shareType: 'none', shareConditions: null })).toEqual(expect.arrayContaining(['noShareReason', 'noShareBasis']));
    expect(issues({ shareType: 'none', noShareReason: '涉密', noShareBasis: '《中华人民共和国个人信息保护法》第二十八条' })).toEqual([]);
    expect(messageAt({ shareType: 'none', noShareReason: '涉密', noShareBasis: '本局数据内部管理办法' }, 'noShareBasis')).toMatch(/第十四条/);
    expect(issues({ shareType: 'none', noShareReason: '涉密', noShareBasis: '《个人信息保护法》', openType: 'open', closedReason: null })).toContain('openType');
    // quoting the internal rule as a title, or citing it beside a law, is the same internal rule (issue 13 item 8)
    for (const basis of ['《朔州市公安局数据管理内部办法》', '《数据安全法》第二十一条；本局内部管理规定第三条', '《市场监管局内部数据共享细则》第五条']) {
      expect(messageAt({ shareType: 'none', noShareReason: '涉密', noShareBasis: basis }, 'noShareBasis'), basis).toMatch(/第十四条第（一）项/);
    }
    expect(issues({ shareType: 'none', noShareReason: '涉密', noShareBasis: '《中华人民共和国保守国家秘密法》第二条' })).toEqual([]);
    expect(issues({ shareType: 'none', noShareReason: '涉密', noShareBasis: '《个人信息保护法》', dedicatedDepartmentIds: [3] })).toContain('dedicatedDepartmentIds');
  });

  it('not opening needs a reason category, and "other legal basis" its basis (第二十三条)', () => {
    expect(issues({ closedReason: null })).toEqual(['closedReason']);
    expect(issues({ closedReason: 'other_legal' })).toEqual(['closedBasis']);
    expect(issues({ closedReason: 'other_legal', closedBasis: '《数据安全法》第二十一条' })).toEqual([]);
    expect(issues({ openType: 'on_application', closedReason: null })).toEqual(['openConditions']);
    // open data may not carry sensitive items in clear
    const clear = valid().items.map((i) => ({ ...i, desensitization: 'none' as const }));
    expect(issues({ openType: 'open', closedReason: null, items: clear })).toEqual(['items.1.desensitization']);
  });

  it('an unconditionally open resource holds no 涉密 item, masked or not (第二条, 第二十三条)', () => {
    const secret = valid().items.map((i, n) => (n === 1 ? { ...i, secret: true, desensitization: 'mask' as const } : i));
    expect(issues({ openType: 'open', closedReason: null, items: secret })).toEqual(['items.1.secret']);
    expect(messageAt({ openType: 'open', closedReason: null, items: secret }, 'items.1.secret')).toMatch(/不得包含涉密信息项“养犬人身份证号”（第二条、第二十三条）/);
    expect(issues({ items: secret })).toEqual([]);
  });

  it('grades follow GB/T 43697-2024: core data is neither shared unconditionally nor opened; core and important need an agreement', () => {
    expect(issues({ securityGrade: 'core', securityAgreementRequired: true, shareType: 'unconditional', shareConditions: null })).toEqual(['shareType']);
    expect(issues({ securityGrade: 'important', securityAgreementRequired: false })).toEqual(['securityAgreementRequired']);
    expect(issues({ securityGrade: 'important', securityAgreementRequired: true, openType: 'open', closedReason: null })).toEqual(['openType']);
  });

  it('classification: base resources name a base library, thematic ones a theme, the 类 digit matches the type (第六条)', () => {
    expect(issues({ resourceType: 'base', classCode: '1-01-001-001' })).toEqual(['library']);
    expect(issues({ resourceType: 'base', library: 'population', classCode: '1-01-001-001' })).toEqual([]);
    expect(issues({ resourceType: 'thematic', classCode: '2-01-001-001' })).toEqual(['library']);
    expect(issues({ library: '社会保障主题库' })).toEqual(['library']);
    expect(issues({ classCode: '2-03-009-001' })).toEqual(['classCode']);
    expect(issues({ classCode: '3-3-9-1' })).toEqual(['classCode']);
    expect(issues({ classCode: '3-03-009' })).toEqual([]);
  });

  it('items: at least one, unique names, primary keys not nullable', () => {
    expect(issues({ items: [] })).toEqual(['items']);
    expect(issues({ items: [...valid().items, { name: '犬只 编号', dataType: 'string' }] })).toEqual(['items.2.name']);
    expect(issues({ items: [{ name: '犬只编号', dataType: 'string', primaryKey: true }] })).toEqual(['items.0.nullable']);
    expect(issues({ items: [{ name: '犬只编号', dataType: 'varchar' as never }] })).toEqual(['items.0.dataType']);
  });

  it('refuses unknown fields and bad enums with Chinese messages', () => {
    const r = entryInputSchema.safeParse({ ...valid(), colour: 'red' });
    expect(r.success).toBe(false);
    expect(messageAt({ shareType: 'sometimes' as never }, 'shareType')).toMatch(/共享类型应为/);
    expect(messageAt({ relatedCodes: ['abc'] }, 'relatedCodes.0')).toMatch(/资源代码格式/);
    expect(messageAt({ dataUpdatedAt: '2026-02-30' }, 'dataUpdatedAt')).toMatch(/不是有效的日期/);
  });

  it('an edit applies no defaults: a field left out stays as it is', () => {
    const r = entryPatchSchema.parse({ name: '新名称' });
    expect(r).toEqual({ name: '新名称' });
    expect(entryPatchSchema.safeParse({}).success).toBe(false);
    expect(entryPatchSchema.safeParse({ lockVersion: 3 }).success).toBe(false);
    expect(entryPatchSchema.safeParse({ bogus: 1 }).success).toBe(false);
  });
});
