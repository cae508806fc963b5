import {
  BASE_LIBRARY_LABELS,
  DEPARTMENT_KIND_LABELS,
  DUPLICATE_STATUS_LABELS,
  ENTRY_STATUS_LABELS,
  NOTICE_STATUS_LABELS,
  OPEN_TYPE_LABELS,
  SECURITY_GRADE_LABELS,
  SHARE_METHOD_LABELS,
  SHARE_TYPE_LABELS,
  TRIGGER_KIND_LABELS,
  TRIGGER_STATUS_LABELS,
  UPDATE_CYCLE_LABELS,
  VIOLATION_SOURCE_KINDS,
  VIOLATION_STATUS_LABELS,
} from '@govdata/domain';

const sourceKindLabels = Object.fromEntries(Object.entries(VIOLATION_SOURCE_KINDS).map(([k, v]) => [k, v.label])) as Record<keyof typeof VIOLATION_SOURCE_KINDS, string>;

/**
 * The enumerations' words, `enums.<enum>.<value>` (see `enumLabel`): zh-CN is the domain's labels (one source), en
 * their translation — typed against the zh-CN keys, so a new value without an English word fails the typecheck.
 */
export const zhCN = {
  enums: {
    baseLibrary: BASE_LIBRARY_LABELS,
    departmentKind: DEPARTMENT_KIND_LABELS,
    duplicateStatus: DUPLICATE_STATUS_LABELS,
    entryStatus: ENTRY_STATUS_LABELS,
    noticeStatus: NOTICE_STATUS_LABELS,
    openType: OPEN_TYPE_LABELS,
    securityGrade: SECURITY_GRADE_LABELS,
    shareMethod: SHARE_METHOD_LABELS,
    shareType: SHARE_TYPE_LABELS,
    triggerKind: TRIGGER_KIND_LABELS,
    triggerStatus: TRIGGER_STATUS_LABELS,
    updateCycle: UPDATE_CYCLE_LABELS,
    violationSourceKind: sourceKindLabels,
    violationStatus: VIOLATION_STATUS_LABELS,
  },
};

type Same<T> = { [K in keyof T]: T[K] extends string ? string : Same<T[K]> };

export const en: Same<typeof zhCN> = {
  enums: {
    baseLibrary: { population: 'Population', legal_entity: 'Legal entities', public_credit: 'Public credit', macro_economy: 'Macro-economy', geospatial: 'Geospatial', e_license: 'E-licences' },
    departmentKind: {
      government_department: 'Government department',
      party_organ: 'Party organ with administrative functions',
      authorised_organisation: 'Organisation authorised by law',
      county_government: 'County (city, district) government',
    },
    duplicateStatus: { candidate: 'To check', confirmed: 'Confirmed duplicate', dismissed: 'Dismissed' },
    entryStatus: { draft: 'Draft', published: 'Published', retiring: 'Retiring', retired: 'Retired' },
    noticeStatus: {
      draft: 'Draft',
      issued: 'Issued, to rectify',
      submitted: 'Rectification reported',
      returned: 'Rectification returned',
      closed: 'Rectified, closed',
      overdue: 'Rectification overdue',
      escalated: 'Overdue, reported to the leadership group',
    },
    openType: { open: 'Open', on_application: 'Open on application', closed: 'Not open' },
    securityGrade: { core: 'Core', important: 'Important', general: 'General' },
    shareMethod: { platform_api: 'Platform API', table_exchange: 'Table exchange', file: 'File download' },
    shareType: { unconditional: 'Unconditional', conditional: 'Conditional', none: 'Not shared' },
    triggerKind: { law_revision: 'Law revised', function_change: 'Functions changed' },
    triggerStatus: { open: 'To update', resolved: 'Updated', cancelled: 'Cancelled' },
    updateCycle: { realtime: 'Real time', daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly', quarterly: 'Quarterly', semiannual: 'Half-yearly', annual: 'Yearly', irregular: 'Irregular' },
    violationSourceKind: sourceKindLabelsEn(),
    violationStatus: { candidate: 'To confirm', confirmed: 'Confirmed', noticed: 'Noticed', closed: 'Rectified, closed', dismissed: 'Dismissed' },
  },
};

function sourceKindLabelsEn(): Record<keyof typeof VIOLATION_SOURCE_KINDS, string> {
  return Object.fromEntries(Object.entries(VIOLATION_SOURCE_KINDS).map(([k, v]) => [k, v.labelEn])) as Record<keyof typeof VIOLATION_SOURCE_KINDS, string>;
}
