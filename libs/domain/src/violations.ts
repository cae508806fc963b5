import { z } from 'zod';
import { VIOLATION_STATUSES, VIOLATION_TYPES, type ViolationType } from './violation-labels';

/** The types, statuses and their labels are in violation-labels.ts, apart from zod (pages that only show them do not load it). */
export * from './violation-labels';

export const violationTypeSchema = z.coerce
  .number()
  .int()
  .refine((n): n is ViolationType => (VIOLATION_TYPES as readonly number[]).includes(n), '违规类型应为 1–9');
export const violationStatusSchema = z.enum(VIOLATION_STATUSES);

/** What a violation rests on: the deadline it missed, or the facts an inspector recorded. */
export const violationEvidenceSchema = z.object({
  summary: z.string(),
  dueAt: z.string().nullable().optional(),
  completedAt: z.string().nullable().optional(),
  observedAt: z.string().optional(),
  workingDaysLate: z.number().int().nullable().optional(),
  article: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ViolationEvidence = z.infer<typeof violationEvidenceSchema>;
