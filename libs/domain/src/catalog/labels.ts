/**
 * The vocabulary of the data resource catalog (政务数据资源目录, 第二章), following the national
 * 政务信息资源目录编制指南 and what the regulation adds. Every enum has its Chinese labels: the API validates with
 * the ids, the SPA and the Excel files show the labels.
 */

/** 资源类型 — 基础 / 主题 / 部门 (第六条). The 类 of the classification code follows from it: 1, 2, 3. */
export const RESOURCE_TYPES = ['base', 'thematic', 'department'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];
export const RESOURCE_TYPE_LABELS: Record<ResourceType, string> = { base: '基础', thematic: '主题', department: '部门' };
/** the first digit (类) of the classification code of each resource type */
export const RESOURCE_TYPE_CLASS_DIGIT: Record<ResourceType, string> = { base: '1', thematic: '2', department: '3' };

/** 基础数据资源库 (第六条): maintained by their lead department (牵头建设部门). */
export const BASE_LIBRARIES = ['population', 'legal_entity', 'public_credit', 'macro_economy', 'geospatial', 'e_license'] as const;
export type BaseLibrary = (typeof BASE_LIBRARIES)[number];
export const BASE_LIBRARY_LABELS: Record<BaseLibrary, string> = {
  population: '人口',
  legal_entity: '法人单位',
  public_credit: '公共信用',
  macro_economy: '宏观经济',
  geospatial: '空间地理',
  e_license: '电子证照',
};
export const isBaseLibrary = (v: string | null | undefined): v is BaseLibrary => (BASE_LIBRARIES as readonly string[]).includes(v ?? '');

/** 资源格式 of the 指南. */
export const RESOURCE_FORMATS = ['spreadsheet', 'database', 'document', 'image', 'streaming', 'api', 'other'] as const;
export type ResourceFormat = (typeof RESOURCE_FORMATS)[number];
export const RESOURCE_FORMAT_LABELS: Record<ResourceFormat, string> = {
  spreadsheet: '电子表格',
  database: '数据库',
  document: '电子文件',
  image: '图形图像',
  streaming: '流媒体',
  api: '接口',
  other: '其他',
};

/** 共享类型 (第十三条). */
export const SHARE_TYPES = ['unconditional', 'conditional', 'none'] as const;
export type ShareType = (typeof SHARE_TYPES)[number];
export const SHARE_TYPE_LABELS: Record<ShareType, string> = { unconditional: '无条件共享', conditional: '有条件共享', none: '不予共享' };

/** 共享方式: through the platform (第十二条) — interface, database table exchange, or file. */
export const SHARE_METHODS = ['platform_api', 'table_exchange', 'file'] as const;
export type ShareMethod = (typeof SHARE_METHODS)[number];
export const SHARE_METHOD_LABELS: Record<ShareMethod, string> = { platform_api: '平台接口', table_exchange: '库表交换', file: '文件下载' };

/** 开放类型 (第二十三条). */
export const OPEN_TYPES = ['open', 'on_application', 'closed'] as const;
export type OpenType = (typeof OPEN_TYPES)[number];
export const OPEN_TYPE_LABELS: Record<OpenType, string> = { open: '无条件开放', on_application: '依申请开放', closed: '不予开放' };

/** Why a resource is not opened (第二十三条第二款). */
export const CLOSED_REASONS = ['state_secret', 'trade_secret', 'personal_privacy', 'other_legal'] as const;
export type ClosedReason = (typeof CLOSED_REASONS)[number];
export const CLOSED_REASON_LABELS: Record<ClosedReason, string> = {
  state_secret: '涉及国家秘密',
  trade_secret: '涉及商业秘密',
  personal_privacy: '涉及个人隐私',
  other_legal: '其他法律法规规定不予开放',
};

/** 更新周期. */
export const UPDATE_CYCLES = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'semiannual', 'annual', 'irregular'] as const;
export type UpdateCycle = (typeof UPDATE_CYCLES)[number];
export const UPDATE_CYCLE_LABELS: Record<UpdateCycle, string> = {
  realtime: '实时',
  daily: '每日',
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度',
  semiannual: '每半年',
  annual: '每年',
  irregular: '不定期',
};

/** 数据安全级别 — 核心 / 重要 / 一般 data (GB/T 43697-2024 数据安全技术 数据分类分级规则; 第十一条). */
export const SECURITY_GRADES = ['core', 'important', 'general'] as const;
export type SecurityGrade = (typeof SECURITY_GRADES)[number];
export const SECURITY_GRADE_LABELS: Record<SecurityGrade, string> = { core: '核心数据', important: '重要数据', general: '一般数据' };

/** How the collection of the data is founded (第十条): a law names it, or the subjects consented. */
export const COLLECTION_BASIS_TYPES = ['law', 'consent'] as const;
export type CollectionBasisType = (typeof COLLECTION_BASIS_TYPES)[number];
export const COLLECTION_BASIS_TYPE_LABELS: Record<CollectionBasisType, string> = { law: '法律法规', consent: '采集对象同意' };

/** 目录条目状态. `retiring` / `retired` (下线, 第十九条) are driven by the retirement workflow. */
export const ENTRY_STATUSES = ['draft', 'published', 'retiring', 'retired'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = { draft: '草稿', published: '已发布', retiring: '下线过渡中', retired: '已下线' };

/** 信息项数据类型 (指南: 字符型、数值型、日期型 …). */
export const ITEM_DATA_TYPES = ['string', 'integer', 'decimal', 'date', 'datetime', 'boolean', 'text', 'binary'] as const;
export type ItemDataType = (typeof ITEM_DATA_TYPES)[number];
export const ITEM_DATA_TYPE_LABELS: Record<ItemDataType, string> = {
  string: '字符型',
  integer: '整数型',
  decimal: '数值型',
  date: '日期型',
  datetime: '日期时间型',
  boolean: '逻辑型',
  text: '长文本',
  binary: '二进制',
};

/** 脱敏规则 of a data item (第十一条: 按分类分级要求进行数据脱敏). */
export const DESENSITIZATIONS = ['none', 'mask', 'partial_mask', 'hash', 'remove'] as const;
export type Desensitization = (typeof DESENSITIZATIONS)[number];
export const DESENSITIZATION_LABELS: Record<Desensitization, string> = { none: '不脱敏', mask: '掩码', partial_mask: '部分掩码', hash: '哈希', remove: '删除' };

/** 目录更新触发事由 (第七条). */
export const TRIGGER_KINDS = ['law_revision', 'function_change'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];
export const TRIGGER_KIND_LABELS: Record<TriggerKind, string> = { law_revision: '法律法规修订', function_change: '行政管理职能变化' };

/** open: waiting for the department · resolved: catalog changes linked · cancelled: withdrawn by the bureau */
export const TRIGGER_STATUSES = ['open', 'resolved', 'cancelled'] as const;
export type TriggerStatus = (typeof TRIGGER_STATUSES)[number];
export const TRIGGER_STATUS_LABELS: Record<TriggerStatus, string> = { open: '待更新', resolved: '已更新', cancelled: '已撤销' };

/** 一数一源 duplicate-collection candidate (第九条). */
export const DUPLICATE_STATUSES = ['candidate', 'confirmed', 'dismissed'] as const;
export type DuplicateStatus = (typeof DUPLICATE_STATUSES)[number];
export const DUPLICATE_STATUS_LABELS: Record<DuplicateStatus, string> = { candidate: '待核查', confirmed: '已确认重复采集', dismissed: '已排除' };

/** Reverse lookup of a label (Excel cells carry labels; ids are accepted too). */
export function fromLabel<T extends string>(labels: Record<T, string>, text: string): T | undefined {
  const t = text.trim();
  for (const [id, label] of Object.entries(labels) as [T, string][]) if (label === t || id === t) return id;
  return undefined;
}
