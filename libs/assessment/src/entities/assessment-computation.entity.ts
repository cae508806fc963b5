import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ComputationDto } from '@govdata/analytics';
import { User } from '@govdata/core';

/**
 * A running or finished computation of a year's results, polled for its progress. `activeYear` holds the year while
 * the computation runs and is null once it ends: its unique index makes "one computation per year at a time" a
 * database guarantee, across processes.
 */
export const AssessmentComputation = defineEntity({
  name: 'AssessmentComputation',
  tableName: 'assessment_computations',
  indexes: [{ properties: ['year', 'startedAt'] }],
  properties: {
    id: p.integer().primary(),
    year: p.integer(),
    activeYear: p.integer().nullable().unique(),
    phase: p.string().length(12).$type<ComputationDto['phase']>(),
    done: p.integer(),
    total: p.integer(),
    /** the reason given for a recomputation after publication */
    reason: p.text().nullable(),
    startedAt: p.datetime(),
    /** last progress write (platform clock), to recognise a computation whose process died */
    heartbeatAt: p.datetime(),
    finishedAt: p.datetime().nullable(),
    startedBy: () => p.manyToOne(User).ref().nullable(),
    revision: p.integer().nullable(),
    error: p.text().nullable(),
  },
});
export type IAssessmentComputation = InferEntity<typeof AssessmentComputation>;
