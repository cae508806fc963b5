import type { AreaModule } from '@govdata/core';
import { CatalogDuplicateCandidate } from './entities/catalog-duplicate.entity';
import { CatalogCodeSequence, CatalogDedicatedDepartment, CatalogEntry, CatalogEntrySearch } from './entities/catalog-entry.entity';
import { CatalogEntryVersion } from './entities/catalog-entry-version.entity';
import { CatalogItem } from './entities/catalog-item.entity';
import { CatalogLibraryLead } from './entities/catalog-library-lead.entity';
import { CatalogRelease, CatalogReleaseEntry } from './entities/catalog-release.entity';
import { CatalogTriggerLink, CatalogUpdateTrigger } from './entities/catalog-update-trigger.entity';
import { catalogDuplicateScanJob, catalogFreshnessJob } from './jobs';
import { releaseExportWriter } from './release-exports';
import { describeUpdateTriggers } from './subjects';

/** 目录 (第二章, 第六至十一条): entries and their items, versions, releases, update triggers, 一数一源, lead departments. */
export const catalogModule: AreaModule = {
  name: 'catalog',
  entities: [
    CatalogEntry,
    CatalogEntrySearch,
    CatalogDedicatedDepartment,
    CatalogCodeSequence,
    CatalogItem,
    CatalogEntryVersion,
    CatalogUpdateTrigger,
    CatalogTriggerLink,
    CatalogRelease,
    CatalogReleaseEntry,
    CatalogDuplicateCandidate,
    CatalogLibraryLead,
  ],
  jobs: [catalogFreshnessJob, catalogDuplicateScanJob],
  subjects: { update_trigger: describeUpdateTriggers },
  exports: [releaseExportWriter],
};
