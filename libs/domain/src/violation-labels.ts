/** The nine violation types of 第三十三条, numbered as in the regulation (一 … 九). */
export const VIOLATION_TYPES = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type ViolationType = (typeof VIOLATION_TYPES)[number];

export interface ViolationTypeSpec {
  /** 第三十三条第（N）项 in Chinese numerals */
  numeral: string;
  short: string;
  /** the regulation's wording */
  text: string;
}

export const VIOLATION_TYPE_SPECS: Record<ViolationType, ViolationTypeSpec> = {
  1: { numeral: '一', short: '目录未编制或未更新', text: '不按照要求编制或更新部门政务数据资源目录的' },
  2: { numeral: '二', short: '未按规定提供共享', text: '不按照规定将本部门政务数据资源目录和掌握的政务数据资源提供给其他部门共享的' },
  3: { numeral: '三', short: '重复采集数据', text: '不按照规定随意采集政务数据、扩大数据采集范围，造成重复采集数据，增加社会成本，给社会公众增加负担的' },
  4: { numeral: '四', short: '目录或数据不真实不准确', text: '故意提供不真实、不准确、不全面的资源目录和政务数据的' },
  5: { numeral: '五', short: '未按时发布更新', text: '未按照规定时限发布、更新资源目录和政务数据的' },
  6: { numeral: '六', short: '共享数据管理失控', text: '对获取的共享数据管理失控，致使出现滥用、非授权使用、未经许可的扩散以及泄漏的' },
  7: { numeral: '七', short: '超范围使用或转让', text: '不按照规定，擅自将获取的共享数据用于本部门履行职责需要以外的，或擅自转让给第三方，或利用共享数据开展经营性活动的' },
  8: { numeral: '八', short: '拒不整改', text: '对监督检查机关责令整改的问题，拒不整改的' },
  9: { numeral: '九', short: '其他违规行为', text: '其他违反本办法规定造成不良后果的行为' },
};

export const violationClause = (type: ViolationType): string => `第三十三条第（${VIOLATION_TYPE_SPECS[type].numeral}）项`;

/** candidate → confirmed → noticed → closed, or dismissed with a reason */
export const VIOLATION_STATUSES = ['candidate', 'confirmed', 'noticed', 'closed', 'dismissed'] as const;
export type ViolationStatus = (typeof VIOLATION_STATUSES)[number];
export const VIOLATION_STATUS_LABELS: Record<ViolationStatus, string> = {
  candidate: '待确认',
  confirmed: '已确认',
  noticed: '已通报',
  closed: '已整改办结',
  dismissed: '已排除',
};
