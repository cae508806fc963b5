import type { AnyRoute } from '../http/route';
import { auditRoutes } from './audit';
import { authRoutes } from './auth';
import { calendarRoutes } from './calendar';
import { noticesRoutes } from './notices';
import { opendataRoutes } from './opendata';
import { openDownloadRoutes } from './open-downloads';
import { catalogEntryRoutes } from './catalog';
import { catalogFileRoutes } from './catalog-files';
import { catalogWorkflowRoutes } from './catalog-workflows';
import { deadlineRoutes } from './deadlines';
import { exportJobRoutes } from './export-jobs';
import { jobRoutes } from './jobs';
import { notificationRoutes } from './notifications';
import { organisationRoutes } from './organisation';
import { shareGrantRoutes } from './share-grants';
import { shareRequestRoutes } from './share-requests';
import { systemRoutes } from './system';
import { violationRoutes } from './violations';
import { assessmentRoutes } from './assessments';
import { workbenchRoutes } from './workbench';
import { callRecordRoutes, gatewayRoutes } from './gateway';
import { upstreamRoutes } from './upstreams';
import { correctionRoutes, retirementRoutes } from './lifecycle';
import { upperRoutes } from './upper';
import { highFrequencyRoutes } from './high-frequency';
import { correctionAttachmentRoutes } from './correction-attachments';
import { openCorrectionRoutes } from './open-corrections';
import { ruleSetRoutes } from './rule-sets';
import { openAccountRoutes } from './open-accounts';
import { openApplicationRoutes } from './open-applications';
import { openFeedbackRoutes } from './open-feedback';
import { openUsageRoutes } from './open-usage';

/** Every API route, area by area. A new area adds one line. */
export const allRoutes: AnyRoute[] = [
  ...systemRoutes,
  ...authRoutes,
  ...organisationRoutes,
  ...notificationRoutes,
  ...calendarRoutes,
  ...noticesRoutes,
  ...catalogEntryRoutes,
  ...catalogWorkflowRoutes,
  ...catalogFileRoutes,
  ...exportJobRoutes,
  ...violationRoutes,
  ...deadlineRoutes,
  ...ruleSetRoutes,
  ...jobRoutes,
  ...shareRequestRoutes,
  ...shareGrantRoutes,
  ...assessmentRoutes,
  ...workbenchRoutes,
  ...opendataRoutes,
  ...openDownloadRoutes,
  ...auditRoutes,
  ...gatewayRoutes,
  ...upstreamRoutes,
  ...callRecordRoutes,
  ...correctionRoutes,
  ...retirementRoutes,
  ...upperRoutes,
  ...highFrequencyRoutes,
  ...correctionAttachmentRoutes,
  ...openCorrectionRoutes,
  ...openAccountRoutes,
  ...openApplicationRoutes,
  ...openFeedbackRoutes,
  ...openUsageRoutes,
];
