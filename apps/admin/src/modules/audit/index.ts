import type { ConsoleModule } from '../types';

/** 审计日志: the tamper-evident audit trail, for the bureau (docs/security.md § audit trail). */
export const auditModule: ConsoleModule = {
  name: 'audit',
  routes: [
    {
      path: 'audit',
      name: 'audit',
      component: () => import('./AuditView.vue'),
      meta: { title: 'audit.title', roles: ['bureau_admin'], menu: { group: 'nav.groupSystem', icon: 'Tickets', order: 60 } },
    },
  ],
  messages: () => import('./messages').then((m) => m.auditMessages),
};
