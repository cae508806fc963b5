import { z } from 'zod';
import { pageQuerySchema, queryBoolean, trimmed } from './common';
import { departmentSummarySchema } from './departments';
import { roleSchema } from './roles';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名应以字母开头，由 3–32 位小写字母、数字、下划线、点或连字符组成');

/** Password policy: at least 10 characters with three of: upper, lower, digit, symbol (等保 2.0 口令复杂度). */
export const passwordSchema = z
  .string()
  .min(10, '密码至少 10 位')
  .max(128, '密码不能超过 128 位')
  .refine((p) => [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length >= 3, '密码须包含大写字母、小写字母、数字、符号中的至少三类');

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  department: departmentSummarySchema,
  roles: z.array(roleSchema),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof userSchema>;

export const userQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  role: roleSchema.optional(),
  disabled: queryBoolean.optional(),
});
export type UserQuery = z.infer<typeof userQuerySchema>;

const rolesField = z.array(roleSchema).min(1, '至少选择一个角色').max(4);

export const createUserSchema = z.strictObject({
  username: usernameSchema,
  displayName: trimmed(1, 30, '姓名'),
  departmentId: z.number().int().positive('请选择所属部门'),
  roles: rolesField,
  password: passwordSchema,
  phone: z.string().trim().regex(/^[0-9+\-() ]{7,20}$/, '联系电话格式不正确').nullable().optional(),
  email: z.email('电子邮箱格式不正确').nullable().optional(),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .strictObject({
    displayName: trimmed(1, 30, '姓名'),
    departmentId: z.number().int().positive(),
    roles: rolesField,
    disabled: z.boolean(),
    password: passwordSchema,
    phone: z.string().trim().regex(/^[0-9+\-() ]{7,20}$/, '联系电话格式不正确').nullable(),
    email: z.email('电子邮箱格式不正确').nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, '至少修改一项');
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
