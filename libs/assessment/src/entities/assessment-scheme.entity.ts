import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { AssessmentScheme as SchemeDocument } from '@govdata/analytics';
import { User } from '@govdata/core';

/**
 * 考核评估方案 (第三十一条): the bureau's scheme for one year, stored whole as the analytics library's JSON document.
 * Editable until a revision of the year's results is published; the revisions keep their own snapshot.
 */
export const AssessmentSchemeRecord = defineEntity({
  name: 'AssessmentSchemeRecord',
  tableName: 'assessment_schemes',
  properties: {
    year: p.integer().primary().autoincrement(false),
    scheme: p.json<SchemeDocument>(),
    updatedAt: p.datetime(),
    updatedBy: () => p.manyToOne(User).ref().nullable(),
  },
});
export type IAssessmentSchemeRecord = InferEntity<typeof AssessmentSchemeRecord>;
