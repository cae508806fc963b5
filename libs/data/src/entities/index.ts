export * from './department.entity';
export * from './user.entity';
export * from './session.entity';
export * from './audit-event.entity';
export * from './notification.entity';
export * from './deadline.entity';
export * from './violation.entity';
export * from './calendar-year.entity';
export * from './job-run.entity';
export * from './notice.entity';
export * from './rectification.entity';
export * from './catalog-entry.entity';
export * from './catalog-item.entity';
export * from './catalog-entry-version.entity';
export * from './catalog-update-trigger.entity';
export * from './catalog-release.entity';
export * from './catalog-duplicate.entity';
export * from './catalog-library-lead.entity';
export * from './service-record-entry.entity';
export * from './share-request.entity';
export * from './share-grant.entity';
export * from './assessment-scheme.entity';
export * from './assessment-revision.entity';
export * from './assessment-computation.entity';

import type { EntitySchema } from '@mikro-orm/core';
import { AuditEvent } from './audit-event.entity';
import { CalendarYear } from './calendar-year.entity';
import { Deadline } from './deadline.entity';
import { Department } from './department.entity';
import { JobRun } from './job-run.entity';
import { Notification } from './notification.entity';
import { Notice, NoticeCounter, NoticeSettings, NoticeViolation } from './notice.entity';
import { NoticeAttachment, Rectification } from './rectification.entity';
import { LoginFailure, Session } from './session.entity';
import { User } from './user.entity';
import { Violation } from './violation.entity';
import { CatalogCodeSequence, CatalogDedicatedDepartment, CatalogEntry, CatalogEntrySearch } from './catalog-entry.entity';
import { CatalogItem } from './catalog-item.entity';
import { CatalogEntryVersion } from './catalog-entry-version.entity';
import { CatalogTriggerLink, CatalogUpdateTrigger } from './catalog-update-trigger.entity';
import { CatalogRelease, CatalogReleaseEntry } from './catalog-release.entity';
import { CatalogDuplicateCandidate } from './catalog-duplicate.entity';
import { CatalogLibraryLead } from './catalog-library-lead.entity';
import { ShareMessage, ShareRequest, ShareRequestEvent, ShareRequestStep } from './share-request.entity';
import { ShareAgent, ShareGrant } from './share-grant.entity';
import { ServiceRecordEntry } from './service-record-entry.entity';
import { AssessmentSchemeRecord } from './assessment-scheme.entity';
import { AssessmentResult, AssessmentRevision } from './assessment-revision.entity';
import { AssessmentComputation } from './assessment-computation.entity';

/** Every entity the ORM knows. A new area adds its entities here (one line each). */
// typed explicitly: the inferred union of every entity's type is too large for declaration emit
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const allEntities: EntitySchema<any, any>[] = [
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
  ...[Notice, NoticeViolation, NoticeCounter, NoticeSettings, Rectification, NoticeAttachment],
  ...[CatalogEntry, CatalogEntrySearch, CatalogDedicatedDepartment, CatalogCodeSequence, CatalogItem, CatalogEntryVersion, CatalogUpdateTrigger, CatalogTriggerLink, CatalogRelease, CatalogReleaseEntry, CatalogDuplicateCandidate, CatalogLibraryLead],
  ServiceRecordEntry,
  ...[ShareRequest, ShareRequestStep, ShareRequestEvent, ShareMessage, ShareGrant, ShareAgent],
  ...[AssessmentSchemeRecord, AssessmentRevision, AssessmentResult, AssessmentComputation],
];
