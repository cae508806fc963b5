import { auditSealJob, auditVerifyJob } from './audit/jobs';
import { AuditEvent } from './entities/audit-event.entity';
import { AuditSeal } from './entities/audit-seal.entity';
import { ChainHead } from './entities/chain-head.entity';
import { CalendarYear } from './entities/calendar-year.entity';
import { Deadline } from './entities/deadline.entity';
import { Department } from './entities/department.entity';
import { ExportJob } from './entities/export-job.entity';
import { exportJobsJob } from './exports/job';
import { JobRun } from './entities/job-run.entity';
import { Notification } from './entities/notification.entity';
import { ServiceRecordEntry } from './entities/service-record-entry.entity';
import { RuleSetSwitch } from './entities/rule-set-switch.entity';
import { LoginThrottle, Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { Violation } from './entities/violation.entity';
import type { AreaModule } from './modules';
import { databaseStatisticsJob } from './orm/statistics-job';
import { deadlineSweepJob, dueSoonRemindersJob } from './sweep/jobs';

/** What every area builds on: the organisation, accounts, audit, notifications, the calendar, deadlines and their sweep, findings, jobs. */
export const coreModule: AreaModule = {
  name: 'core',
  entities: [Department, User, Session, LoginThrottle, AuditEvent, Notification, Deadline, Violation, CalendarYear, JobRun, ServiceRecordEntry, ChainHead, AuditSeal, RuleSetSwitch, ExportJob],
  jobs: [deadlineSweepJob, dueSoonRemindersJob, auditSealJob, auditVerifyJob, databaseStatisticsJob, exportJobsJob],
};
