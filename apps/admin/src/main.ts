import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import './styles/main.css';
import App from './App.vue';
import { i18n } from './i18n';
import { MODULES } from './modules';
import { router } from './router';

for (const m of MODULES) {
  i18n.global.mergeLocaleMessage('zh-CN', m.messages['zh-CN']);
  i18n.global.mergeLocaleMessage('en', m.messages.en);
}

createApp(App).use(createPinia()).use(router).use(i18n).use(ElementPlus, { locale: zhCn }).mount('#app');
