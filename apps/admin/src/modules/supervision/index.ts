import type { ConsoleModule } from '../types';

const GROUP = 'nav.groupSupervision';

/** 监督检查: violations (第三十三条), deadlines (期限督办), the bureau's jobs page. Notifications link to /violations/:id and /deadlines/:id. */
export const supervisionModule: ConsoleModule = {
  name: 'supervision',
  routes: [
    {
      path: 'violations',
      name: 'violations',
      component: () => import('./ViolationsView.vue'),
      meta: { title: 'supervision.violationsTitle', menu: { group: GROUP, icon: 'Warning', order: 10 } },
    },
    { path: 'violations/:id(\\d+)', name: 'violation', component: () => import('./ViolationsView.vue'), meta: { title: 'supervision.violationsTitle' } },
    {
      path: 'deadlines',
      name: 'deadlines',
      component: () => import('./DeadlinesView.vue'),
      meta: { title: 'supervision.deadlinesTitle', menu: { group: GROUP, icon: 'Clock', order: 30 } },
    },
    { path: 'deadlines/:id(\\d+)', name: 'deadline', component: () => import('./DeadlinesView.vue'), meta: { title: 'supervision.deadlinesTitle' } },
    {
      path: 'jobs',
      name: 'jobs',
      component: () => import('./JobsView.vue'),
      meta: { title: 'supervision.jobsTitle', roles: ['bureau_admin'], menu: { group: GROUP, icon: 'Timer', order: 40 } },
    },
  ],
  messages: () => import('./messages').then((m) => m.supervisionMessages),
};
