import type { ConsoleModule } from '../types';

/** 上级数据 (第十八条): the catalog of upper-level resources, departments' needs, the bureau's batch applications (docs/lifecycle.md). */
export const upperModule: ConsoleModule = {
  name: 'upper',
  routes: [
    {
      path: 'upper/resources',
      name: 'upper-resources',
      component: () => import('./ResourcesView.vue'),
      meta: { title: 'nav.upperResources', roles: ['dept_admin', 'bureau_admin', 'leader'], menu: { group: 'nav.groupSharing', icon: 'Files', order: 56.1 } },
    },
    {
      path: 'upper/needs',
      name: 'upper-needs',
      component: () => import('./NeedsView.vue'),
      meta: { title: 'nav.upperNeeds', roles: ['dept_admin', 'bureau_admin', 'leader'], menu: { group: 'nav.groupSharing', icon: 'Document', order: 56.2 } },
    },
    {
      path: 'upper/applications',
      name: 'upper-applications',
      component: () => import('./ApplicationsView.vue'),
      meta: { title: 'nav.upperApplications', roles: ['bureau_admin', 'leader'], menu: { group: 'nav.groupSharing', icon: 'Upload', order: 56.3 } },
    },
    {
      path: 'upper/applications/:id(\\d+)',
      name: 'upper-application',
      component: () => import('./ApplicationDetailView.vue'),
      meta: { title: 'nav.upperApplication', roles: ['bureau_admin', 'leader'] },
    },
  ],
  messages: () => import('./messages').then((m) => ({ 'zh-CN': m.zhCN, en: m.en })),
};
