import type { ConsoleModule } from '../types';

const list = () => import('./RequestListView.vue');

/** 数据共享 (第四章): requests, the bureau's queue, grants and review agents. */
export const sharingModule: ConsoleModule = {
  name: 'sharing',
  routes: [
    {
      path: 'share/mine',
      name: 'share-mine',
      component: list,
      props: { box: 'mine' },
      meta: { title: 'nav.shareMine', roles: ['dept_admin', 'bureau_admin'], menu: { group: 'nav.groupSharing', icon: 'Share', order: 10 } },
    },
    {
      path: 'share/todo',
      name: 'share-todo',
      component: list,
      props: { box: 'todo' },
      meta: { title: 'nav.shareTodo', roles: ['dept_admin', 'dept_agent'], menu: { group: 'nav.groupSharing', icon: 'Timer', order: 20 } },
    },
    {
      path: 'share/review',
      name: 'share-review',
      component: list,
      props: { box: 'review' },
      meta: { title: 'nav.shareReview', roles: ['bureau_admin'], menu: { group: 'nav.groupSharing', icon: 'Stamp', order: 30 } },
    },
    {
      path: 'share/all',
      name: 'share-all',
      component: list,
      props: { box: 'all' },
      meta: { title: 'nav.shareAll', roles: ['bureau_admin', 'leader'], menu: { group: 'nav.groupSharing', icon: 'List', order: 40 } },
    },
    {
      path: 'share/requests/:id(\\d+)',
      name: 'share-request',
      component: () => import('./RequestDetailView.vue'),
      meta: { title: 'nav.shareDetail' },
    },
    {
      path: 'share/grants',
      name: 'share-grants',
      component: () => import('./GrantsView.vue'),
      meta: { title: 'nav.shareGrants', roles: ['dept_admin', 'bureau_admin', 'leader'], menu: { group: 'nav.groupSharing', icon: 'Tickets', order: 50 } },
    },
    {
      path: 'share/agents',
      name: 'share-agents',
      component: () => import('./AgentsView.vue'),
      meta: { title: 'nav.shareAgents', roles: ['dept_admin', 'dept_agent', 'bureau_admin'], menu: { group: 'nav.groupSharing', icon: 'Connection', order: 60 } },
    },
  ],
  messages: () => import('./messages').then((m) => ({ 'zh-CN': m.zhCN, en: m.en })),
};
