import { assessmentModule } from './assessment';
import { calendarModule } from './calendar';
import { noticesModule } from './notices';
import { catalogModule } from './catalog';
import { notificationsModule } from './notifications';
import { organisationModule } from './organisation';
import { sharingModule } from './sharing';
import { supervisionModule } from './supervision';
import type { ConsoleModule } from './types';

/** Every area of the console. A new area adds one line. */
export const MODULES: ConsoleModule[] = [
  organisationModule,
  calendarModule,
  notificationsModule,
  catalogModule,
  sharingModule,
  supervisionModule,
  noticesModule,
  assessmentModule,
];
