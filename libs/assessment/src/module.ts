import type { AreaModule } from '@govdata/core';
import { AssessmentComputation } from './entities/assessment-computation.entity';
import { AssessmentResult, AssessmentRevision } from './entities/assessment-revision.entity';
import { AssessmentSchemeRecord } from './entities/assessment-scheme.entity';
import { annualAssessmentJob } from './job';

/** 年度目标责任考核 (第三十至三十二条): schemes, computed and published revisions, the annual job. */
export const assessmentModule: AreaModule = {
  name: 'assessment',
  entities: [AssessmentSchemeRecord, AssessmentRevision, AssessmentResult, AssessmentComputation],
  jobs: [annualAssessmentJob],
};
