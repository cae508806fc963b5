import type { ConsoleModule } from '../types';

/** 书面通报 (第三十三条): the register, one notice (draft editor and preview, rectification, review). */
export const noticesModule: ConsoleModule = {
  name: 'notices',
  routes: [
    {
      path: 'notices',
      name: 'notices',
      component: () => import('./NoticesView.vue'),
      meta: { title: 'notices.title', roles: ['bureau_admin', 'leader', 'dept_admin'], menu: { group: 'nav.groupSupervision', icon: 'Stamp', order: 20 } },
    },
    {
      path: 'notices/:id(\\d+)',
      name: 'notice',
      component: () => import('./NoticeDetailView.vue'),
      meta: { title: 'notices.title', roles: ['bureau_admin', 'leader', 'dept_admin'] },
    },
  ],
  messages: () => import('./messages').then((m) => m.noticesMessages),
};
