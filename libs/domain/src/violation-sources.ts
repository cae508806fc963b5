/**
 * What a violation rests on — the `source.kind` its detector writes — with the words people know it by and the
 * console page of the subject. One registry for the whole platform: the violations list's filter, the violation
 * drawer's links and the enum texts all read it, so a detector's new kind is one line here (and a test fails when a
 * writer uses a kind that is not listed: `violation-sources.spec.ts`).
 */
export interface ViolationSourceKindSpec {
  /** 中文名称 as the filter and the drawer show it */
  label: string;
  labelEn: string;
  /**
   * The console address of the subject, from the source id (`<id>` or `<id>:<more>`) and the evidence details;
   * null when the subject has no page of its own (an inspection record).
   */
  link(id: string, details: Record<string, unknown>): string | null;
  /** what the link opens, as an i18n key of the supervision module (`supervision.source.*`) */
  opens?: 'shareRequest' | 'updateTrigger' | 'catalogEntry' | 'duplicate' | 'escalatedNotice' | 'correction' | 'openApplication';
}

/** The console addresses of subjects that notices, deadlines and violations point to — written once, here. */
export const consoleLinks = {
  shareRequest: (id: number) => `/share/requests/${id}`,
  /** the triggers page has no detail route: the list, found by its number, whatever its state */
  updateTrigger: (id: number) => `/catalog/update-triggers?q=%23${id}&state=all`,
  catalogEntry: (id: number) => `/catalog/entries/${id}`,
  notice: (id: number) => `/notices/${id}`,
  correction: (id: number) => `/corrections/${id}`,
  retirement: (id: number) => `/retirements?q=%23${id}`,
  /** the calls the gateway refused on a grant (调用记录, filtered) */
  refusedCalls: (grantId: number) => `/gateway/calls?grantId=${grantId}&status=forbidden`,
  /** a grant's answered calls on one Shanghai day (调用记录, filtered) */
  grantCallsOn: (grantId: number, day: string) => `/gateway/calls?grantId=${grantId}&status=ok&from=${day}&to=${day}`,
  /** 开放申请 (第二十四条) */
  openApplication: (id: number) => `/opendata/applications/${id}`,
};

const positive = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : typeof v === 'string' && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : null);
const head = (id: string): number | null => positive(id.split(':')[0]);

export const VIOLATION_SOURCE_KINDS = {
  /** a share request's step whose clock ran out (第十五条) — the deadline sweep */
  share_request_step: {
    label: '共享申请答复',
    labelEn: 'Share request reply',
    opens: 'shareRequest',
    link: (_id, d) => {
      const request = positive(d.requestId) ?? positive(d.shareRequestId);
      return request ? consoleLinks.shareRequest(request) : null;
    },
  },
  /** a catalog update trigger not acted on in 15 working days (第七条) — the deadline sweep */
  update_trigger: {
    label: '目录更新（第七条）',
    labelEn: 'Catalog update (art. 7)',
    opens: 'updateTrigger',
    link: (id) => (head(id) ? consoleLinks.updateTrigger(head(id) as number) : null),
  },
  /** data not refreshed within its update cycle (第十九条) — `<entryId>:<dueDate>` */
  /** an entry's data gone while grants are in force, without the 第十九条 procedure (第三十三条 (五)) — `<entry>:<version id>` */
  entry_data_withdrawn: { label: '未经下线程序停止提供数据', labelEn: 'Data withdrawn without retirement', opens: 'catalogEntry', link: (id) => (head(id) ? consoleLinks.catalogEntry(head(id) as number) : null) },
  catalog_entry_freshness: { label: '数据更新时效', labelEn: 'Data freshness', opens: 'catalogEntry', link: (id) => (head(id) ? consoleLinks.catalogEntry(head(id) as number) : null) },
  /** no published catalog after the compile period (第六条) — `<departmentId>:<year>` */
  department_catalog: { label: '目录编制', labelEn: 'Catalog compiled', link: () => null },
  /** the same data collected twice (第九条, 一数一源) — the duplicate scan's candidate id */
  duplicate_collection: { label: '重复采集（一数一源）', labelEn: 'Duplicate collection', opens: 'duplicate', link: (id) => (head(id) ? `/catalog/duplicates?q=%23${head(id)}&status=all` : null) },
  /** a written notice not rectified in time, escalated (第三十三条 (八)) */
  notice: { label: '书面通报整改', labelEn: 'Notice rectification', opens: 'escalatedNotice', link: (id) => (head(id) ? consoleLinks.notice(head(id) as number) : null) },
  /** found by the bureau's inspection and recorded by hand */
  inspection: { label: '监督检查', labelEn: 'Inspection', link: () => null },
  /** a grant's system still calling after the grant ended (第三十三条 (六)) — the grant's id; opens its refused calls */
  share_grant_calls: { label: '授权结束后仍调用', labelEn: 'Calls after the grant ended', link: (id) => (head(id) ? consoleLinks.refusedCalls(head(id) as number) : null) },
  share_grant_volume: { label: '调用量远超申报用途', labelEn: 'Calls far beyond the declared use', link: (id) => (head(id) ? consoleLinks.grantCallsOn(head(id) as number, id.split(':')[1] ?? '') : null) },
  /** recorded by hand against a data use grant (第二十七条) */
  share_grant: { label: '数据使用授权', labelEn: 'Data use grant', link: () => '/share/grants' },
  /** a correction report not checked in 5 working days (第十七条) — the deadline sweep */
  correction: { label: '纠错反馈', labelEn: 'Correction feedback', opens: 'correction', link: (id) => (head(id) ? consoleLinks.correction(head(id) as number) : null) },
  /** an open-data application not answered in time (第二十四条) — the deadline sweep; the application's id */
  open_application: { label: '依申请开放', labelEn: 'Open-data application', opens: 'openApplication', link: (id) => (head(id) ? consoleLinks.openApplication(head(id) as number) : null) },
} as const satisfies Record<string, ViolationSourceKindSpec>;

export type ViolationSourceKind = keyof typeof VIOLATION_SOURCE_KINDS;
export const VIOLATION_SOURCE_KIND_IDS = Object.keys(VIOLATION_SOURCE_KINDS) as ViolationSourceKind[];
export const isViolationSourceKind = (kind: string): kind is ViolationSourceKind => Object.hasOwn(VIOLATION_SOURCE_KINDS, kind);

/** The subject's page of a violation's source, or null (unknown kind, or a kind without a page). */
export function violationSourceLink(source: { kind: string; id: string }, details: Record<string, unknown> = {}): { to: string; opens: ViolationSourceKindSpec['opens'] } | null {
  if (!isViolationSourceKind(source.kind)) return null;
  const spec: ViolationSourceKindSpec = VIOLATION_SOURCE_KINDS[source.kind];
  const to = spec.link(source.id, details);
  return to ? { to, opens: spec.opens } : null;
}
