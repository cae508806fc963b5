import { createRouter, createWebHistory } from 'vue-router';
import HomeView from './views/HomeView.vue';

export const router = createRouter({
  history: createWebHistory('/open/'),
  scrollBehavior: () => ({ top: 0 }),
  routes: [
    { path: '/', name: 'home', component: HomeView, meta: { title: '首页' } },
    { path: '/datasets', name: 'search', component: () => import('./views/SearchView.vue'), meta: { title: '数据目录' } },
    { path: '/datasets/:name', name: 'dataset', component: () => import('./views/DatasetView.vue'), meta: { title: '数据集' } },
    { path: '/departments', name: 'departments', component: () => import('./views/DepartmentsView.vue'), meta: { title: '开放部门' } },
    { path: '/developers', name: 'developers', component: () => import('./views/DevelopersView.vue'), meta: { title: '开发者' } },
    { path: '/license', name: 'license', component: () => import('./views/LicenseView.vue'), meta: { title: '开放数据使用协议' } },
    // 开放平台账号 and 依申请开放 (第二十四条): pages behind the portal's own login
    { path: '/account/login', name: 'login', component: () => import('./views/account/LoginView.vue'), meta: { title: '登录' } },
    { path: '/account/register', name: 'register', component: () => import('./views/account/RegisterView.vue'), meta: { title: '注册' } },
    { path: '/account', name: 'account', component: () => import('./views/account/AccountView.vue'), meta: { title: '我的账户', account: true } },
    { path: '/account/applications', name: 'my-applications', component: () => import('./views/account/ApplicationsView.vue'), meta: { title: '我的申请', account: true } },
    { path: '/apply/:name', name: 'apply', component: () => import('./views/account/ApplyView.vue'), meta: { title: '申请开放', account: true } },
    { path: '/:rest(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { title: '页面不存在' } },
  ],
});

// pages of a logged-in portal user: to the login first, and back after it
router.beforeEach(async (to) => {
  if (!to.meta.account) return true;
  const { loadMe } = await import('./account/api');
  return (await loadMe()) ? true : { name: 'login', query: { next: to.fullPath } };
});

router.afterEach((to) => {
  document.title = `${String(to.meta.title ?? '')} · 朔州市公共数据开放平台`;
});
