import { createI18n } from 'vue-i18n';
import en from './en';
import zhCN from './zh-CN';

export type Locale = 'zh-CN' | 'en';
const stored = (typeof localStorage !== 'undefined' && localStorage.getItem('govdata.locale')) as Locale | null;

/** All text goes through vue-i18n; zh-CN first, en second. */
export const i18n = createI18n({
  legacy: false,
  locale: stored === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem('govdata.locale', locale);
  document.documentElement.lang = locale;
}
