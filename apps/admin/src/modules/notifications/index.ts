import type { ConsoleModule } from '../types';

export const notificationsModule: ConsoleModule = {
  name: 'notifications',
  routes: [
    {
      path: 'inbox',
      name: 'inbox',
      component: () => import('./InboxView.vue'),
      meta: { title: 'nav.inbox', menu: { group: 'nav.groupSystem', icon: 'Bell', order: 90 } },
    },
  ],
};
