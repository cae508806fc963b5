import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { createI18n } from 'vue-i18n';
import { createMemoryHistory, createRouter } from 'vue-router';
import zhCN from '../i18n/zh-CN';
import LoginView from './LoginView.vue';

const Blank = { template: '<div />' };

/** The login endpoint as the server answers a wrong password (each call is one attempt against the throttle). */
function loginEndpoint() {
  const attempts: unknown[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (String(input) !== '/api/auth/login' || init?.method !== 'POST') return new Response('{}', { status: 404 });
    attempts.push(JSON.parse(String(init.body)));
    return new Response(JSON.stringify({ title: '登录失败', detail: '用户名或密码错误', code: 'auth.invalid', status: 401 }), { status: 401, headers: { 'content-type': 'application/problem+json' } });
  };
  return { attempts, fetch: fetch as typeof globalThis.fetch };
}

async function mountLogin() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: Blank },
      { path: '/login', name: 'login', component: LoginView },
      { path: '/public/assessments', name: 'public-assessments', component: Blank },
    ],
  });
  await router.push('/login');
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } });
  const w = mount(LoginView, { global: { plugins: [pinia, router, i18n, ElementPlus] }, attachTo: document.body });
  return w;
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('login page (issue 14, defect 4)', () => {
  it('sends one attempt when Enter is pressed in the password field', async () => {
    const api = loginEndpoint();
    vi.stubGlobal('fetch', api.fetch);
    const w = await mountLogin();
    await w.find('input[name=username]').setValue('gaj');
    const password = w.find('input[name=password]');
    await password.setValue('typo');
    // what a browser does on Enter in a form's field: keydown, the form's implicit submission, keyup
    await password.trigger('keydown', { key: 'Enter', code: 'Enter' });
    await w.find('form').trigger('submit');
    await password.trigger('keyup', { key: 'Enter', code: 'Enter' });
    await flushPromises();
    await new Promise((r) => setTimeout(r, 20));
    await flushPromises();

    expect(api.attempts).toEqual([{ username: 'gaj', password: 'typo' }]);
    expect(w.find('[data-test=login-error]').text()).toContain('用户名或密码错误');
    w.unmount();
  });

  it('ignores a second submission while the first is under way', async () => {
    const api = loginEndpoint();
    vi.stubGlobal('fetch', api.fetch);
    const w = await mountLogin();
    await w.find('input[name=username]').setValue('gaj');
    await w.find('input[name=password]').setValue('typo');
    await w.find('form').trigger('submit');
    await w.find('[data-test=login-submit]').trigger('click');
    await w.find('form').trigger('submit');
    await flushPromises();
    await new Promise((r) => setTimeout(r, 20));
    await flushPromises();
    expect(api.attempts).toHaveLength(1);
    w.unmount();
  });
});
