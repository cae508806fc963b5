import type { AreaModule } from '@govdata/core';
import { UpperApplication } from './entities/upper-application.entity';
import { UpperNeed } from './entities/upper-need.entity';
import { UpperResource } from './entities/upper-resource.entity';
import { UPPER_APPLICATION_SUBJECT, UPPER_NEED_SUBJECT } from './needs';
import { describeUpperApplications, describeUpperNeeds } from './subjects';

/**
 * 上级数据 (第十八条): the catalog of upper-level resources, the departments' needs, the bureau's batch applications.
 * Its two clocks are the bureau's service commitments: a miss goes on the service record through the sweep (no hook).
 */
export const upperDataModule: AreaModule = {
  name: 'upper-data',
  entities: [UpperResource, UpperNeed, UpperApplication],
  subjects: { [UPPER_NEED_SUBJECT]: describeUpperNeeds, [UPPER_APPLICATION_SUBJECT]: describeUpperApplications },
};
