export * from './department.entity';
export * from './user.entity';
export * from './session.entity';
export * from './audit-event.entity';
export * from './notification.entity';
export * from './deadline.entity';
export * from './violation.entity';
export * from './calendar-year.entity';
export * from './job-run.entity';
export * from './catalog-entry.entity';
export * from './catalog-item.entity';
export * from './catalog-entry-version.entity';
export * from './catalog-update-trigger.entity';
export * from './catalog-release.entity';
export * from './catalog-duplicate.entity';
export * from './catalog-library-lead.entity';
export * from './share-request.entity';
export * from './share-grant.entity';

import type { EntitySchema } from '@mikro-orm/core';
import { AuditEvent } from './audit-event.entity';
import { CalendarYear } from './calendar-year.entity';
import { Deadline } from './deadline.entity';
import { Department } from './department.entity';
import { JobRun } from './job-run.entity';
import { Notification } from './notification.entity';
import { LoginFailure, Session } from './session.entity';
import { User } from './user.entity';
import { Violation } from './violation.entity';
import { CatalogCodeSequence, CatalogDedicatedDepartment, CatalogEntry } from './catalog-entry.entity';
import { CatalogItem } from './catalog-item.entity';
import { CatalogEntryVersion } from './catalog-entry-version.entity';
import { CatalogTriggerLink, CatalogUpdateTrigger } from './catalog-update-trigger.entity';
import { CatalogRelease, CatalogReleaseEntry } from './catalog-release.entity';
import { CatalogDuplicateCandidate } from './catalog-duplicate.entity';
import { CatalogLibraryLead } from './catalog-library-lead.entity';
import { ShareMessage, ShareRequest, ShareRequestEvent, ShareRequestStep } from './share-request.entity';
import { ShareAgent, ShareGrant } from './share-grant.entity';

/** Every entity the ORM knows. A new area adds its entities here (one line each). */
export const allEntities: EntitySchema[] = [
  Department,
  User,
  Session,
  LoginFailure,
  AuditEvent,
  Notification,
  Deadline,
  Violation,
  CalendarYear,
  JobRun,
  ...[CatalogEntry, CatalogDedicatedDepartment, CatalogCodeSequence, CatalogItem, CatalogEntryVersion, CatalogUpdateTrigger, CatalogTriggerLink, CatalogRelease, CatalogReleaseEntry, CatalogDuplicateCandidate, CatalogLibraryLead],
  ...[ShareRequest, ShareRequestStep, ShareRequestEvent, ShareMessage, ShareGrant, ShareAgent],
];
