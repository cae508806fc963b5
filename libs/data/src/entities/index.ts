export * from './department.entity';
export * from './user.entity';
export * from './session.entity';
export * from './audit-event.entity';
export * from './notification.entity';
export * from './deadline.entity';
export * from './violation.entity';
export * from './calendar-year.entity';
export * from './job-run.entity';
export * from './service-record-entry.entity';

import { AuditEvent } from './audit-event.entity';
import { CalendarYear } from './calendar-year.entity';
import { Deadline } from './deadline.entity';
import { Department } from './department.entity';
import { JobRun } from './job-run.entity';
import { Notification } from './notification.entity';
import { LoginFailure, Session } from './session.entity';
import { User } from './user.entity';
import { Violation } from './violation.entity';
import { ServiceRecordEntry } from './service-record-entry.entity';

/** Every entity the ORM knows. A new area adds its entities here (one line each). */
export const allEntities = [
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
  ServiceRecordEntry,
];
