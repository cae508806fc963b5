import type { AreaModule } from '@govdata/core';
import { OpenDataset } from './entities/open-dataset.entity';
import { OpenReview } from './entities/open-review.entity';
import { OpenFileSize, OpenUsage } from './entities/open-usage.entity';

/** 开放 (第五章, 第二十二至二十六条): reviews before opening, the open catalog, and what the public portal reads. */
export const opendataModule: AreaModule = {
  name: 'opendata',
  entities: [OpenReview, OpenDataset, OpenUsage, OpenFileSize],
};
