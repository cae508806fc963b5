import type { ConsoleModule } from '../types';

const GROUP = 'nav.groupSupervision';
/** supervision records are the bureau's, the leaders' and each department's own — not a review agent's business */
const STAFF = ['bureau_admin', 'dept_admin', 'leader'] as const;

/** 监督检查: violations (第三十三条), deadlines (期限督办), the bureau's jobs page. Notifications link to /violations/:id and /deadlines/:id. */
export const supervisionModule: ConsoleModule = {
  name: 'supervision',
  routes: [
    {
      path: 'violations',
      name: 'violations',
      component: () => import('./ViolationsView.vue'),
      meta: { title: 'supervision.violationsTitle', roles: STAFF, menu: { group: GROUP, icon: 'Warning', order: 10 } },
    },
    { path: 'violations/:id(\\d+)', name: 'violation', component: () => import('./ViolationsView.vue'), meta: { title: 'supervision.violationsTitle', roles: STAFF } },
    {
      path: 'deadlines',
      name: 'deadlines',
      component: () => import('./DeadlinesView.vue'),
      meta: { title: 'supervision.deadlinesTitle', roles: STAFF, menu: { group: GROUP, icon: 'Clock', order: 30 } },
    },
    { path: 'deadlines/:id(\\d+)', name: 'deadline', component: () => import('./DeadlinesView.vue'), meta: { title: 'supervision.deadlinesTitle', roles: STAFF } },
    {
      path: 'jobs',
      name: 'jobs',
      component: () => import('./JobsView.vue'),
      meta: { title: 'supervision.jobsTitle', roles: ['bureau_admin'], menu: { group: GROUP, icon: 'Timer', order: 40 } },
    },
  ],
  messages: () => import('./messages').then((m) => m.supervisionMessages),
};
