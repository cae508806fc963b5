import type { ConsoleModule } from '../types';

export const calendarModule: ConsoleModule = {
  name: 'calendar',
  routes: [
    {
      path: 'calendar',
      name: 'calendar',
      component: () => import('./CalendarView.vue'),
      meta: { title: 'calendar.title', menu: { group: 'nav.groupSystem', icon: 'Calendar', order: 50 } },
    },
  ],
  messages: () => import('./messages').then((m) => m.calendarMessages),
};
