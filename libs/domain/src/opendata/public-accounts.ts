import { z } from 'zod';
import { trimmed } from '../common';
import { passwordSchema } from '../users';
import { isValidCreditCode } from '../departments';
import { OPEN_LICENSE } from './enums';

/**
 * 开放平台用户 — people and organisations registered on the open portal (issue 16 item 3). They are not staff: they
 * have their own table, their own session cookie and their own API keys, and no staff route ever accepts them.
 */
export const PUBLIC_ACCOUNT_KINDS = ['person', 'organisation'] as const;
export type PublicAccountKind = (typeof PUBLIC_ACCOUNT_KINDS)[number];
export const PUBLIC_ACCOUNT_KIND_LABELS: Record<PublicAccountKind, string> = { person: '个人', organisation: '法人和其他组织' };

/** The 开放数据使用协议 a registrant accepts, by its version (the licence the portal shows at /open/license). */
export const OPEN_AGREEMENT = { version: OPEN_LICENSE.id, title: OPEN_LICENSE.title, url: OPEN_LICENSE.url } as const;

/** email or mainland mobile number: what a public user logs in with */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]{1,185}\.[^\s@]{2,}$/;
export type IdentifierType = 'email' | 'phone';
export function identifierTypeOf(identifier: string): IdentifierType | null {
  if (PHONE_PATTERN.test(identifier)) return 'phone';
  if (EMAIL_PATTERN.test(identifier)) return 'email';
  return null;
}

/** e-mail addresses are compared lower-case; phone numbers lose spaces and a leading +86 */
export const identifierSchema = z
  .string({ error: '请填写邮箱或手机号' })
  .trim()
  .min(1, '请填写邮箱或手机号')
  .max(254, '邮箱或手机号不能超过 254 个字符')
  .transform((s) => {
    const compact = s.replace(/[\s-]/g, '');
    const phone = compact.replace(/^\+?86/, '');
    return PHONE_PATTERN.test(phone) ? phone : s.toLowerCase();
  })
  .refine((s) => identifierTypeOf(s) !== null, '请填写有效的邮箱（如 name@example.com）或 11 位手机号');

/** 注册: a person, or an organisation with its name and 统一社会信用代码; the 开放数据使用协议 accepted. */
export const publicRegisterSchema = z
  .strictObject({
    kind: z.enum(PUBLIC_ACCOUNT_KINDS, { message: '用户类型应为 个人（person）或 法人和其他组织（organisation）' }),
    identifier: identifierSchema,
    password: passwordSchema,
    displayName: trimmed(1, 50, '姓名（显示名）'),
    organisationName: trimmed(2, 100, '单位名称').optional(),
    creditCode: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isValidCreditCode, '统一社会信用代码应为 18 位且校验位正确（GB 32100-2015），请核对营业执照')
      .optional(),
    agreementVersion: z.literal(OPEN_AGREEMENT.version, { message: `请阅读并同意《${OPEN_AGREEMENT.title}》（版本 ${OPEN_AGREEMENT.version}）` }),
    acceptAgreement: z.literal(true, { message: `请阅读并同意《${OPEN_AGREEMENT.title}》` }),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'organisation') {
      if (!v.organisationName) ctx.addIssue({ code: 'custom', path: ['organisationName'], message: '法人和其他组织须填写单位名称' });
      if (!v.creditCode) ctx.addIssue({ code: 'custom', path: ['creditCode'], message: '法人和其他组织须填写统一社会信用代码' });
    } else if (v.organisationName || v.creditCode) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: '个人用户不填写单位名称和统一社会信用代码；以单位名义注册请选择“法人和其他组织”' });
    }
  });
export type PublicRegisterInput = z.infer<typeof publicRegisterSchema>;

export const publicLoginSchema = z.strictObject({
  identifier: z.string().trim().min(1, '请填写邮箱或手机号').max(254),
  password: z.string().min(1, '请输入密码').max(128),
});
export type PublicLoginInput = z.infer<typeof publicLoginSchema>;

export const publicMeSchema = z.object({
  id: z.number().int(),
  kind: z.enum(PUBLIC_ACCOUNT_KINDS),
  identifier: z.string(),
  identifierType: z.enum(['email', 'phone']),
  displayName: z.string(),
  organisationName: z.string().nullable(),
  creditCode: z.string().nullable(),
  agreement: z.object({ version: z.string(), acceptedAt: z.string() }),
  createdAt: z.string(),
});
export type PublicMeDto = z.infer<typeof publicMeSchema>;

/** API keys (开放接口密钥): a name to tell them apart; the key itself is shown once. */
export const createApiKeySchema = z.strictObject({ name: trimmed(1, 50, '密钥名称') });
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const apiKeySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** the first characters of the key, to recognise it (`ok_AbCd1234`) */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyDto = z.infer<typeof apiKeySchema>;
export const createdApiKeySchema = z.object({ key: z.string(), apiKey: apiKeySchema });
export type CreatedApiKeyDto = z.infer<typeof createdApiKeySchema>;

/** How many live keys a public user may hold, and the open API's limits per key. */
export const PUBLIC_KEY_POLICY = { maxActiveKeys: 5, perMinute: 60, perDay: 10_000 } as const;

/** A public user's session lives as long as a staff session (idle 2 h, absolute 12 h): SESSION_POLICY. */
