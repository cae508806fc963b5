import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { UpperLevel } from '@govdata/domain';

/**
 * 上级政务数据资源 (第十八条): a provincial or national resource the bureau keeps in its catalog of upper-level data
 * (imported from the province's list, or entered by hand), for departments to state their needs against.
 */
export const UpperResource = defineEntity({
  name: 'UpperResource',
  tableName: 'upper_resources',
  indexes: [{ properties: ['level'] }],
  properties: {
    id: p.integer().primary(),
    /** 资源代码 as the upper level numbers it */
    code: p.string().length(64).unique(),
    name: p.string().length(200),
    /** 上级单位 */
    holder: p.string().length(120),
    level: p.string().length(12).$type<UpperLevel>(),
    /** 所属系统 */
    system: p.string().length(120),
    items: p.json<string[]>(),
    /** 申请方式 */
    howToApply: p.text(),
    note: p.text().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type IUpperResource = InferEntity<typeof UpperResource>;
