import { z } from 'zod';
import { pageQuerySchema, trimmed } from './common';
import { DEPARTMENT_KINDS, REGIONS, isValidCreditCode } from './department-labels';

/** The kinds, their labels, the regions and the credit-code check are in department-labels.ts, apart from zod (pages that only show them do not load it). */
export * from './department-labels';

export const departmentKindSchema = z.enum(DEPARTMENT_KINDS);
export const regionCodeSchema = z.enum(REGIONS.map((r) => r.code) as [string, ...string[]], { message: '行政区划代码无效' });

/** 统一社会信用代码 of a department, validated with its check character. */
export const creditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidCreditCode, '统一社会信用代码无效：应为 18 位且校验位正确（GB 32100-2015）');

const phoneSchema = z.string().trim().regex(/^[0-9+\-() ]{7,20}$/, '联系电话格式不正确');

export const departmentSummarySchema = z.object({ id: z.number().int(), code: z.string(), name: z.string() });
export type DepartmentSummary = z.infer<typeof departmentSummarySchema>;

export const departmentSchema = departmentSummarySchema.extend({
  shortName: z.string().nullable(),
  kind: departmentKindSchema,
  regionCode: z.string(),
  regionName: z.string(),
  parent: departmentSummarySchema.nullable(),
  isBureau: z.boolean(),
  /** 第四条: the responsible person and contact filed with the bureau */
  responsiblePerson: z.string().nullable(),
  contactPerson: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  filedAt: z.string().nullable(),
  userCount: z.number().int(),
});
export type DepartmentDto = z.infer<typeof departmentSchema>;

export const departmentQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  kind: departmentKindSchema.optional(),
  regionCode: regionCodeSchema.optional(),
});
export type DepartmentQuery = z.infer<typeof departmentQuerySchema>;

export const departmentInputSchema = z.strictObject({
  code: creditCodeSchema,
  name: trimmed(2, 60, '部门名称'),
  shortName: trimmed(1, 20, '简称').nullable().optional(),
  kind: departmentKindSchema,
  regionCode: regionCodeSchema,
  parentId: z.number().int().positive().nullable().optional(),
  responsiblePerson: trimmed(1, 30, '责任人').nullable().optional(),
  contactPerson: trimmed(1, 30, '联系人').nullable().optional(),
  contactPhone: phoneSchema.nullable().optional(),
  contactEmail: z.email('电子邮箱格式不正确').nullable().optional(),
});
export type DepartmentInput = z.infer<typeof departmentInputSchema>;
export const departmentPatchSchema = departmentInputSchema.partial().refine((v) => Object.keys(v).length > 0, '至少修改一项');
