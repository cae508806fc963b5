import type { EntryInputDraft } from '@govdata/domain';

/** A complete, valid department resource as a department would submit it; tests override what they examine. */
export function entryInput(overrides: Partial<EntryInputDraft> = {}): EntryInputDraft {
  return {
    name: '犬只免疫登记信息',
    resourceType: 'department',
    library: null,
    classCode: '3-03-009-001',
    summary: '全市养犬人为犬只办理狂犬病免疫的登记记录。',
    format: 'database',
    formatDetail: '达梦 DM8',
    shareType: 'conditional',
    shareConditions: '仅限犬只管理和狂犬病防控履职使用',
    shareMethod: 'platform_api',
    dedicatedDepartmentIds: [],
    openType: 'closed',
    closedReason: 'personal_privacy',
    updateCycle: 'daily',
    dataUpdatedAt: '2025-06-10',
    securityGrade: 'general',
    securityAgreementRequired: false,
    internalReview: { scenarios: '犬只管理执法、狂犬病防控', userIdentity: '经审核的政务部门', region: '朔州市行政区域内', scope: '仅限履职用途' },
    collectionBasisType: 'law',
    collectionBasis: '《山西省养犬管理条例》第十二条',
    dataRange: '全市，2020年至今',
    applicationScenarios: '犬只管理',
    relatedCodes: [],
    items: [
      { name: '免疫证号', dataType: 'string', length: 30, nullable: false, primaryKey: true },
      { name: '养犬人姓名', dataType: 'string', length: 30 },
      { name: '养犬人身份证号', dataType: 'string', length: 18, sensitive: true, desensitization: 'partial_mask' },
      { name: '免疫日期', dataType: 'date' },
    ],
    ...overrides,
  };
}
