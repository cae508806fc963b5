import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { createI18n } from 'vue-i18n';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router';
import { mount } from '@vue/test-utils';
import type { Me, Role } from '@govdata/domain';
import en from '../i18n/en';
import zhCN from '../i18n/zh-CN';
import { enumMessages, MODULES } from '../modules';
import { useAuthStore } from '../stores/auth';

const Outlet = defineComponent({ name: 'Outlet', render: () => h(RouterView) });
const Blank = defineComponent({ name: 'Blank', render: () => h('div') });

type Tree = { [key: string]: string | Tree };
const merge = (a: Tree, b: Tree): Tree => {
  const out: Tree = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = typeof v === 'object' && typeof out[k] === 'object' ? merge(out[k] as Tree, v) : v;
  return out;
};

/** vue-i18n with the console's texts and every module's, as the running console has them after login. */
export async function consoleI18n(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const all = await Promise.all([...MODULES.map((m) => m.messages?.()), enumMessages()]);
  let zh = zhCN as unknown as Tree;
  let english = en as unknown as Tree;
  for (const m of all) {
    if (!m) continue;
    zh = merge(zh, m['zh-CN']);
    english = merge(english, m.en);
  }
  return createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: { 'zh-CN': zh, en: english } });
}

/** The console's real routes (every module's pages under one layout that only renders the page). */
export function consoleRouter(): Router {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: Blank },
      { path: '/', component: Outlet, children: [{ path: '', name: 'home', component: Blank }, ...MODULES.flatMap((m) => m.routes)] },
    ],
  });
}

export const departments = {
  gaj: { id: 3, code: '111406000114079197', name: '朔州市公安局' },
  scjgj: { id: 5, code: '11140600MB1957414T', name: '朔州市市场监督管理局' },
  bureau: { id: 1, code: '11140600MB0000001X', name: '朔州市政务信息管理局' },
};

/**
 * Mounts the console at `path` as `roles` of `department`: a router-view over the real routes, with the fetches
 * answered by `api` (see answerFetch). Returns the wrapper and the router.
 */
export async function mountConsole(path: string, roles: Role[], department = departments.gaj, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().me = { id: 1, username: 'u', displayName: '李警官', roles, department } as Me;
  useAuthStore().checked = true;
  const router = consoleRouter();
  await router.push(path);
  await router.isReady();
  const i18n = await consoleI18n(locale);
  const w = mount(Outlet, { global: { plugins: [pinia, ElementPlus, i18n, router] }, attachTo: document.body });
  return { w, router };
}
