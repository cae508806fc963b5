import { reactive } from 'vue';
import type { FormItemRule } from 'element-plus';
import type { z } from 'zod';
import { ApiError } from '../api/http';

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

/**
 * Element Plus form rules from the same zod schema the API validates with (libs/domain): one field at a time,
 * the first issue's Chinese message shown under the field.
 */
export function zodRules(schema: z.ZodObject, fields?: string[]): Record<string, FormItemRule[]> {
  const rules: Record<string, FormItemRule[]> = {};
  for (const [key, field] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    if (fields && !fields.includes(key)) continue;
    rules[key] = [
      {
        trigger: ['blur', 'change'],
        validator: (_rule, value, callback) => {
          const r = field.safeParse(blankToUndefined(value));
          if (r.success) callback();
          else callback(new Error(r.error.issues[0]?.message ?? '格式不正确'));
        },
      },
    ];
  }
  return rules;
}

/** Drops empty strings (→ absent) so optional fields are not sent as "". */
export function compact<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined)) as Partial<T>;
}

/** Field errors from the server's problem details (`errors[].path` like `body.username`), shown under the fields. */
export function useServerErrors() {
  const fieldErrors = reactive<Record<string, string>>({});
  function clear() {
    for (const k of Object.keys(fieldErrors)) delete fieldErrors[k];
  }
  /** returns true when the error was about fields and is now shown on the form */
  function apply(e: unknown): boolean {
    clear();
    if (!(e instanceof ApiError) || e.issues.length === 0) return false;
    for (const issue of e.issues) {
      const key = issue.path.replace(/^(body|query|params)\./, '').split('.')[0];
      if (key && !fieldErrors[key]) fieldErrors[key] = issue.message;
    }
    return Object.keys(fieldErrors).length > 0;
  }
  return { fieldErrors, clear, apply };
}
