import type { ConsoleModule } from '../types';

/** 开放 (第五章): 开放申请 — the 依申请开放 applications a department answers within its clock (第二十四条); 利用成果; 使用统计. */
export const opendataModule: ConsoleModule = {
  name: 'opendata',
  routes: [
    {
      path: 'opendata/applications',
      name: 'open-applications',
      component: () => import('./OpenApplicationsView.vue'),
      meta: { title: 'nav.openApplications', roles: ['dept_admin', 'bureau_admin', 'leader'], menu: { group: 'nav.groupSharing', icon: 'FolderOpened', order: 57 } },
    },
    {
      path: 'opendata/showcases',
      name: 'open-showcases',
      component: () => import('./ShowcasesView.vue'),
      meta: { title: 'nav.openShowcases', roles: ['bureau_admin', 'leader'], menu: { group: 'nav.groupSharing', icon: 'Collection', order: 58 } },
    },
    {
      path: 'opendata/usage',
      name: 'open-usage',
      component: () => import('./OpenUsageView.vue'),
      meta: { title: 'nav.openUsage', roles: ['bureau_admin', 'leader', 'dept_admin'], menu: { group: 'nav.groupSharing', icon: 'DataLine', order: 59 } },
    },
    {
      path: 'opendata/applications/:id(\\d+)',
      name: 'open-application',
      component: () => import('./OpenApplicationDetailView.vue'),
      meta: { title: 'nav.openApplication' },
    },
  ],
  messages: () => import('./messages').then((m) => ({ 'zh-CN': m.zhCN, en: m.en })),
};
