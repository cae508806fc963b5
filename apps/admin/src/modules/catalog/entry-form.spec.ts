import { describe, expect, it } from 'vitest';
import { entryInputSchema, type EntryDetailDto } from '@govdata/domain';
import { blankForm, classCodeForType, errorsFromIssues, formFromEntry, newItemRow, payloadFromForm, tabOfField, validateForm, type EntryForm } from './entry-form';

/** A complete department resource as a data officer fills it in. */
function filled(over: Partial<EntryForm> = {}): EntryForm {
  return {
    ...blankForm(),
    name: '犬只登记信息',
    classCode: '3-03-009-001',
    summary: '全市养犬登记、年检和注销信息。',
    shareConditions: '仅限履行养犬管理职责时使用',
    closedReason: 'personal_privacy',
    internalReview: { scenarios: '养犬登记核验', userIdentity: '城管部门经办人员', region: '朔州市行政区域内', scope: '仅限申请用途' },
    collectionBasis: '《朔州市养犬管理条例》第十条',
    items: [newItemRow({ name: '犬只登记证号', primaryKey: true, nullable: false }), newItemRow({ name: '犬主公民身份号码', sensitive: true, desensitization: 'partial_mask' })],
    ...over,
  };
}

describe('the entry form and the shared rules', () => {
  it('sends what the API accepts, with the same schema the API validates with', () => {
    const payload = payloadFromForm(filled());
    expect(entryInputSchema.safeParse(payload).success).toBe(true);
    expect(validateForm(filled())).toEqual({});
  });

  it('reports each broken rule on the field to correct, in the API’s words', () => {
    expect(validateForm(filled({ shareConditions: '  ' }))).toEqual({ shareConditions: '有条件共享的资源须填写共享条件（第十三条第（二）项）' });
    const none = validateForm(filled({ shareType: 'none', openType: 'open' }));
    expect(Object.keys(none).sort()).toEqual(['noShareBasis', 'noShareReason', 'openType']);
    expect(validateForm(filled({ securityGrade: 'core' }))).toMatchObject({ securityAgreementRequired: '核心数据和重要数据的共享须签订安全协议（第十一条）' });
    expect(validateForm(filled({ classCode: '1-03-009-001' })).classCode).toMatch(/此处应以 3 开头/);
    const items = validateForm(filled({ items: [newItemRow({ name: '证号', primaryKey: true }), newItemRow({ name: '证号' })] }));
    expect(items).toEqual({ 'items.0.nullable': '主键信息项“证号”不能允许为空', 'items.1.name': '信息项名称“证号”与第 1 项重复' });
  });

  it('does not keep on the resource what the chosen types hide', () => {
    const p = payloadFromForm(filled({ shareType: 'unconditional', shareConditions: '旧条件', noShareReason: '旧理由', openType: 'open', closedReason: 'trade_secret', closedBasis: '旧依据', dedicatedDepartmentIds: [3] }));
    expect(p).toMatchObject({ shareConditions: null, noShareReason: null, noShareBasis: null, closedReason: null, closedBasis: null, dedicatedDepartmentIds: [3] });
    expect(payloadFromForm(filled({ shareType: 'none', dedicatedDepartmentIds: [3] })).dedicatedDepartmentIds).toEqual([]);
    expect(payloadFromForm(filled({ resourceType: 'department', library: 'population' })).library).toBeNull();
  });

  it('keeps the stable ids of existing items and sends none for new ones', () => {
    const p = payloadFromForm(filled({ items: [newItemRow({ id: 17, name: '姓名' }), newItemRow({ name: '性别' })] }));
    expect(p.items).toEqual([
      { id: 17, name: '姓名', fieldName: null, dataType: 'string', length: null, nullable: true, primaryKey: false, queryKey: false, sensitive: false, secret: false, desensitization: 'none', description: null },
      { name: '性别', fieldName: null, dataType: 'string', length: null, nullable: true, primaryKey: false, queryKey: false, sensitive: false, secret: false, desensitization: 'none', description: null },
    ]);
  });

  it('reads a stored entry back unchanged (saving without an edit changes nothing)', () => {
    const payload = payloadFromForm(filled({ dedicatedDepartmentIds: [4], relatedCodes: ['101001001/000001'] }));
    const dto = {
      ...payload,
      id: 9,
      code: '303009001/000001',
      provider: { id: 3, code: 'X', name: '朔州市公安局' },
      dedicatedDepartments: [{ id: 4, code: 'Y', name: '朔州市市场监督管理局' }],
      items: payload.items.map((i, n) => ({ ...i, id: n + 1, position: n + 1, normalizedName: i.name })),
    } as unknown as EntryDetailDto;
    const again = payloadFromForm(formFromEntry(dto));
    expect(again).toEqual({ ...payload, providerId: 3, items: payload.items.map((i, n) => ({ ...i, id: n + 1 })) });
  });

  it('maps the API’s issue paths to fields and fields to tabs', () => {
    expect(errorsFromIssues([
      { path: 'body.items.2.name', message: 'a' },
      { path: 'entry.shareConditions', message: 'b' },
      { path: 'body.shareConditions', message: 'c' },
    ])).toEqual({ 'items.2.name': 'a', shareConditions: 'b' });
    expect(['items.2.name', 'closedReason', 'internalReview.scope', 'classCode'].map(tabOfField)).toEqual(['items', 'share', 'security', 'basic']);
  });

  it('starts the classification code with the 类 of the resource type', () => {
    expect(classCodeForType('3-', 'base')).toBe('1-');
    expect(classCodeForType('3-12-001-002', 'thematic')).toBe('2-12-001-002');
    expect(classCodeForType('', 'department')).toBe('3-');
  });
});
