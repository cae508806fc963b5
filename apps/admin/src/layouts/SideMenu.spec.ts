import { afterEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createI18n } from 'vue-i18n';
import { createMemoryHistory, createRouter } from 'vue-router';
import zhCN from '../i18n/zh-CN';
import type { Menu } from './menu';
import SideMenu from './SideMenu.vue';

const Blank = { template: '<div />' };
const entry = (name: string, title: string) => ({ name, title, icon: 'List', order: 0 });
/** two groups of two, more than ten entries in all so that only the current page's group opens */
const menu: Menu = {
  top: [entry('home', 'nav.home')],
  groups: [
    { key: 'nav.groupSharing', items: [entry('share-mine', 'nav.departments'), entry('share-todo', 'nav.users'), ...Array.from({ length: 5 }, (_, i) => entry(`s${i}`, 'nav.users'))] },
    { key: 'nav.groupSystem', items: [entry('calendar', 'nav.home'), entry('inbox', 'nav.inbox'), ...Array.from({ length: 4 }, (_, i) => entry(`y${i}`, 'nav.inbox'))] },
  ],
};

async function mountMenu(active: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['home', 'share-mine', 'share-todo', 'calendar', 'inbox', 's0', 's1', 's2', 's3', 's4', 'y0', 'y1', 'y2', 'y3'].map((name) => ({ path: name === 'home' ? '/' : `/${name}`, name, component: Blank })),
  });
  await router.push(active === 'home' ? '/' : `/${active}`);
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } });
  const w = mount(SideMenu, { props: { menu, active }, global: { plugins: [ElementPlus, i18n, router] }, attachTo: document.body });
  await flushPromises();
  return { w, router };
}

const focused = () => document.activeElement as HTMLElement;
const key = async (k: string) => {
  focused().dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  await flushPromises();
};
const text = (el: Element) => el.textContent?.trim();

afterEach(() => {
  document.body.innerHTML = '';
});

describe('side menu from the keyboard (issue 14, defect 10)', () => {
  it('is one stop in the Tab order: the current page', async () => {
    const { w } = await mountMenu('share-todo');
    const stops = [...document.querySelectorAll<HTMLElement>('[tabindex="0"]')];
    expect(stops.map((s) => s.getAttribute('data-test'))).toEqual(['menu-share-todo']);
    expect(w.findAll('[tabindex="-1"]').length).toBeGreaterThan(3);
    w.unmount();
  });

  it('moves with the arrows over what is visible, opens a group with →, and opens a page with Enter', async () => {
    const { w, router } = await mountMenu('home');
    const home = document.querySelector<HTMLElement>('[data-test=menu-home]')!;
    expect(home.tabIndex).toBe(0);
    home.focus();
    await key('ArrowDown');
    expect(text(focused())).toBe('数据共享');
    // the closed 系统 group's entries are skipped
    await key('ArrowDown');
    expect(text(focused())).toBe('系统');
    await key('ArrowRight');
    await key('ArrowDown');
    expect(text(focused())).toBe('工作台');
    expect(focused().getAttribute('data-test')).toBe('menu-calendar');
    await key('ArrowDown');
    expect(focused().getAttribute('data-test')).toBe('menu-inbox');
    // the focus carries the Tab stop with it
    expect([...document.querySelectorAll('[tabindex="0"]')]).toEqual([focused()]);
    await key('Enter');
    expect(router.currentRoute.value.name).toBe('inbox');
    await key('ArrowLeft');
    expect(text(focused())).toBe('系统');
    await key('Home');
    expect(focused()).toBe(home);
    await key('ArrowUp');
    expect(focused().getAttribute('data-test')).toBe('menu-y3');
    w.unmount();
  });
});
