import { z } from 'zod';
import { controlCharacterIn } from './input';

/** Positive integer id from a path parameter or a body field. */
export const idSchema = z.coerce.number().int().positive();
export const idParamsSchema = z.strictObject({ id: idSchema });

/** `YYYY-MM-DD` calendar date (Asia/Shanghai). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, '不是有效的日期');

/** ISO-8601 instant with an offset, e.g. 2026-06-15T09:30:00+08:00. */
export const isoInstantSchema = z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601，如 2026-06-15T09:30:00+08:00' });

/** Query-string boolean: `true`/`false`/`1`/`0`. */
export const queryBoolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  /** true when counting stopped at a bound: at least `total` items match (shown as “10,000+”) */
  totalBounded?: boolean;
}

/** Builds the schema of a paginated response for the OpenAPI document. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), totalBounded: z.boolean().optional() });

/** The shared text field: trimmed, bounded, and free of C0 control characters (tab, CR, LF allowed). */
export const trimmed = (min: number, max: number, label: string) =>
  z
    .string()
    .trim()
    .min(min, min <= 1 ? `${label}不能为空` : `${label}至少 ${min} 个字符`)
    .max(max, `${label}不能超过 ${max} 个字符`)
    .refine((s) => controlCharacterIn(s) === null, `${label}不能包含控制字符，请删除后重新输入`);

export const okSchema = z.object({ ok: z.literal(true) });
