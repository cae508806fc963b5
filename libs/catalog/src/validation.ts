import type { z } from 'zod';
import { entryInputSchema, ValidationError, type EntryInput, type FieldIssue } from '@govdata/domain';

/** A ValidationError (400) from field issues, its detail naming the first field like the API's request validation. */
export function validationError(issues: FieldIssue[]): ValidationError {
  const first = issues[0];
  const detail = first ? `${first.path ? `${first.path}：` : ''}${first.message}${issues.length > 1 ? `（另有 ${issues.length - 1} 处问题）` : ''}` : '请求内容有误';
  return new ValidationError(detail, issues);
}

export const zodFieldIssues = (error: z.ZodError, location: string): FieldIssue[] =>
  error.issues.map((i) => ({ path: [location, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));

/** Validates a whole entry (a creation, or an edit merged over the current state) with the shared schema. */
export function parseEntry(value: unknown, location = 'body'): EntryInput {
  const r = entryInputSchema.safeParse(value);
  if (!r.success) throw validationError(zodFieldIssues(r.error, location));
  return r.data;
}
