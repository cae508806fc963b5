import type { AreaModule } from '@govdata/core';
import { OpenDataset } from './entities/open-dataset.entity';
import { OpenReview } from './entities/open-review.entity';
import { OpenFileSize, OpenUsage } from './entities/open-usage.entity';
import { PublicApiKey, PublicSession, PublicUser } from './entities/public-account.entity';
import { OpenApplication } from './entities/open-application.entity';
import { OpenRating, OpenShowcase } from './entities/open-feedback.entity';
import { describeOpenApplications } from './applications/applications';

/** 开放 (第五章, 第二十二至二十六条): reviews before opening, the open catalog, and what the public portal reads. */
export const opendataModule: AreaModule = {
  name: 'opendata',
  entities: [OpenReview, OpenDataset, OpenUsage, OpenFileSize, PublicUser, PublicSession, PublicApiKey, OpenApplication, OpenRating, OpenShowcase],
  // 依申请开放 (第二十四条): the sweep records (九) through the findings door; the subject reads as the application
  subjects: { open_application: describeOpenApplications },
};
