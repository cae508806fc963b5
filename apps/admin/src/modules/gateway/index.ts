import type { ConsoleModule } from '../types';

/** who reads systems and call records: the departments' data officers, the bureau, the leaders (第四条, 第十六条(四)) */
const STAFF = ['dept_admin', 'bureau_admin', 'leader'] as const;

/**
 * Data that moves (issue 15, docs/gateway.md): 应用系统 (the departments' systems and their client credentials) and
 * 调用记录 (the gateway's hash-chained call records). The 数据 tab of an entry is `DatasetsPanel`, shown by the entry page.
 */
export const gatewayModule: ConsoleModule = {
  name: 'gateway',
  routes: [
    {
      path: 'gateway/calls',
      name: 'call-records',
      component: () => import('./CallRecordsView.vue'),
      meta: { title: 'gateway.nav.calls', roles: STAFF, menu: { group: 'nav.groupSharing', icon: 'DataLine', order: 52 } },
    },
    {
      path: 'gateway/systems',
      name: 'systems',
      component: () => import('./SystemsView.vue'),
      meta: { title: 'gateway.nav.systems', roles: STAFF, menu: { group: 'nav.groupSharing', icon: 'Monitor', order: 70 } },
    },
  ],
  messages: () => import('./messages').then((m) => ({ 'zh-CN': m.zhCN, en: m.en })),
};
