import { z } from 'zod';
import { BASE_LIBRARIES, CLOSED_REASONS, COLLECTION_BASIS_TYPES, DESENSITIZATIONS, DUPLICATE_STATUSES, ENTRY_STATUSES, ITEM_DATA_TYPES, OPEN_TYPES, RESOURCE_FORMATS, RESOURCE_TYPES, SECURITY_GRADES, SHARE_METHODS, SHARE_TYPES, TRIGGER_KINDS, UPDATE_CYCLES } from './labels';

export * from './labels';

/** The catalog's enumerations as zod schemas (the API validates with the ids); their ids and labels are in labels.ts, apart, so that pages that only show labels do not load zod. */
const enumOf = <T extends string>(ids: readonly [T, ...T[]], message: string) => z.enum(ids, { message });
export const resourceTypeSchema = enumOf(RESOURCE_TYPES, '资源类型应为 基础、主题 或 部门（base / thematic / department）');
export const baseLibrarySchema = enumOf(BASE_LIBRARIES, '基础库应为 人口、法人单位、公共信用、宏观经济、空间地理、电子证照 之一');
export const resourceFormatSchema = enumOf(RESOURCE_FORMATS, '资源格式应为 电子表格、数据库、电子文件、图形图像、流媒体、接口 或 其他');
export const shareTypeSchema = enumOf(SHARE_TYPES, '共享类型应为 无条件共享、有条件共享 或 不予共享');
export const shareMethodSchema = enumOf(SHARE_METHODS, '共享方式应为 平台接口、库表交换 或 文件下载');
export const openTypeSchema = enumOf(OPEN_TYPES, '开放类型应为 无条件开放、依申请开放 或 不予开放');
export const closedReasonSchema = enumOf(CLOSED_REASONS, '不予开放原因应为 国家秘密、商业秘密、个人隐私 或 其他法定情形');
export const updateCycleSchema = enumOf(UPDATE_CYCLES, '更新周期应为 实时、每日、每周、每月、每季度、每半年、每年 或 不定期');
export const securityGradeSchema = enumOf(SECURITY_GRADES, '安全级别应为 核心数据、重要数据 或 一般数据');
export const collectionBasisTypeSchema = enumOf(COLLECTION_BASIS_TYPES, '采集依据类型应为 法律法规 或 采集对象同意');
export const entryStatusSchema = enumOf(ENTRY_STATUSES, '状态应为 草稿、已发布、下线过渡中 或 已下线');
export const itemDataTypeSchema = enumOf(ITEM_DATA_TYPES, '数据类型应为 字符型、整数型、数值型、日期型、日期时间型、逻辑型、长文本 或 二进制');
export const desensitizationSchema = enumOf(DESENSITIZATIONS, '脱敏规则应为 不脱敏、掩码、部分掩码、哈希 或 删除');
export const triggerKindSchema = enumOf(TRIGGER_KINDS, '触发事由应为 法律法规修订（law_revision）或 职能变化（function_change）');
export const duplicateStatusSchema = enumOf(DUPLICATE_STATUSES, '状态应为 candidate、confirmed 或 dismissed');
