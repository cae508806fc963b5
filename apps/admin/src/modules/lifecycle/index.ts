import type { ConsoleModule } from '../types';

/** 纠错 (第十七条), 下线 (第十九条) and the 高频数据共享库 (第十八条): corrections, retirements, the library (docs/lifecycle.md). */
export const lifecycleModule: ConsoleModule = {
  name: 'lifecycle',
  routes: [
    {
      path: 'corrections',
      name: 'corrections',
      component: () => import('./CorrectionsView.vue'),
      meta: { title: 'nav.corrections', roles: ['dept_admin', 'dept_agent', 'bureau_admin', 'leader'], menu: { group: 'nav.groupSharing', icon: 'EditPen', order: 55 } },
    },
    {
      path: 'corrections/:id(\\d+)',
      name: 'correction',
      component: () => import('./CorrectionDetailView.vue'),
      meta: { title: 'nav.correction' },
    },
    {
      path: 'retirements',
      name: 'retirements',
      component: () => import('./RetirementsView.vue'),
      meta: { title: 'nav.retirements', roles: ['dept_admin', 'bureau_admin', 'leader'], menu: { group: 'nav.groupCatalog', icon: 'Remove', order: 70 } },
    },
    {
      path: 'high-frequency',
      name: 'high-frequency',
      component: () => import('./HighFrequencyView.vue'),
      meta: { title: 'nav.highFrequency', roles: ['bureau_admin', 'leader'], menu: { group: 'nav.groupSharing', icon: 'TrendCharts', order: 56.4 } },
    },
  ],
  messages: () => import('./messages').then((m) => ({ 'zh-CN': m.zhCN, en: m.en })),
};
