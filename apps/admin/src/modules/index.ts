import { calendarModule } from './calendar';
import { noticesModule } from './notices';
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
  sharingModule,
  supervisionModule,
  noticesModule,
];
