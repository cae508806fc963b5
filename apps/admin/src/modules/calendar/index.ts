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
    {
      // 办理时限规则 (issue 12 §1): read by everyone, switched by the bureau
      path: 'rules',
      name: 'rule-sets',
      component: () => import('./RulesView.vue'),
      meta: { title: 'rules.title', menu: { group: 'nav.groupSystem', icon: 'Timer', order: 51 } },
    },
  ],
  messages: () => import('./messages').then((m) => m.calendarMessages),
};
