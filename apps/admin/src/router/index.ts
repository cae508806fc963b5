import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { setUnauthorizedHandler } from '../api/http';
import { i18n } from '../i18n';
import { loadModuleMessages, MODULES } from '../modules';
import { useAuthStore } from '../stores/auth';

const consoleChildren: RouteRecordRaw[] = [
  { path: '', name: 'home', component: () => import('../views/HomeView.vue'), meta: { title: 'nav.home', menu: { group: '', icon: 'HomeFilled', order: 0 } } },
  ...MODULES.flatMap((m) => m.routes),
  { path: '403', name: 'forbidden', component: () => import('../views/ForbiddenView.vue'), meta: { title: 'errors.forbiddenTitle' } },
];

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('../views/LoginView.vue'), meta: { title: 'login.title', public: true } },
  ...MODULES.flatMap((m) => m.publicRoutes ?? []),
  { path: '/', component: () => import('../layouts/ConsoleLayout.vue'), children: consoleChildren },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('../views/NotFoundView.vue'), meta: { title: 'errors.notFoundTitle', public: true } },
];

export const router = createRouter({ history: createWebHistory(), routes });

// route guards: login first, then the roles a page asks for
router.beforeEach(async (to) => {
  if (to.name !== 'login') await loadModuleMessages();
  if (to.meta.public) return true;
  const auth = useAuthStore();
  const me = await auth.ensure();
  if (!me) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  if (to.meta.roles && !auth.hasRole(...to.meta.roles)) return { name: 'forbidden' };
  return true;
});

router.afterEach((to) => {
  const { t } = i18n.global;
  document.title = to.meta.title ? `${t(to.meta.title)} · ${t('app.name')}` : t('app.name');
});

setUnauthorizedHandler(() => {
  const auth = useAuthStore();
  const wasLoggedIn = auth.loggedIn;
  auth.forget();
  const current = router.currentRoute.value;
  if (wasLoggedIn && !current.meta.public) void router.push({ name: 'login', query: { redirect: current.fullPath, expired: '1' } });
});
