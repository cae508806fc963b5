import ElementPlus from 'element-plus';
import { createI18n } from 'vue-i18n';
import { createMemoryHistory, createRouter } from 'vue-router';
import zhCN from '../../i18n/zh-CN';
import { noticesMessages } from '../notices/messages';
import { supervisionMessages } from './messages';

/** What a component test of these modules mounts with: Element Plus, the zh-CN texts, a router for router-link. */
export function testPlugins() {
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': { ...zhCN, ...supervisionMessages['zh-CN'], ...noticesMessages['zh-CN'] } } });
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] });
  return [ElementPlus, i18n, router];
}
