import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { DepartmentKind } from '@govdata/domain';

/** 政务部门 (第三条), with the responsible person and contact filed with the bureau (第四条). */
export const Department = defineEntity({
  name: 'Department',
  tableName: 'departments',
  properties: {
    id: p.integer().primary(),
    /** 统一社会信用代码 */
    code: p.string().length(18).unique(),
    name: p.string().length(100).unique(),
    shortName: p.string().length(40).nullable(),
    kind: p.string().length(32).$type<DepartmentKind>(),
    regionCode: p.string().length(6).index(),
    parent: () => p.manyToOne(Department).nullable().ref(),
    /** the city data bureau (政务信息管理局) itself */
    isBureau: p.boolean().default(false),
    responsiblePerson: p.string().length(30).nullable(),
    contactPerson: p.string().length(30).nullable(),
    contactPhone: p.string().length(20).nullable(),
    contactEmail: p.string().length(100).nullable(),
    /** date the responsible person was filed with the bureau (备案日期) */
    filedAt: p.string().length(10).nullable(),
    sortOrder: p.integer().default(0),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type IDepartment = InferEntity<typeof Department>;
