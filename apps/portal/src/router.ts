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
    { path: '/:rest(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { title: '页面不存在' } },
  ],
});

router.afterEach((to) => {
  document.title = `${String(to.meta.title ?? '')} · 朔州市公共数据开放平台`;
});
