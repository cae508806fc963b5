import type { AnyRoute } from '../http/route';
import { authRoutes } from './auth';
import { notificationRoutes } from './notifications';
import { organisationRoutes } from './organisation';
import { shareGrantRoutes } from './share-grants';
import { shareRequestRoutes } from './share-requests';
import { systemRoutes } from './system';

/** Every API route, area by area. A new area adds one line. */
export const allRoutes: AnyRoute[] = [...systemRoutes, ...authRoutes, ...organisationRoutes, ...notificationRoutes, ...shareRequestRoutes, ...shareGrantRoutes];
