import type { AnyRoute } from '../http/route';
import { authRoutes } from './auth';
import { deadlineRoutes } from './deadlines';
import { jobRoutes } from './jobs';
import { notificationRoutes } from './notifications';
import { organisationRoutes } from './organisation';
import { systemRoutes } from './system';
import { violationRoutes } from './violations';

/** Every API route, area by area. A new area adds one line. */
export const allRoutes: AnyRoute[] = [...systemRoutes, ...authRoutes, ...organisationRoutes, ...notificationRoutes, ...violationRoutes, ...deadlineRoutes, ...jobRoutes];
