import { createApp } from 'vue';
import { createPinia } from 'pinia';
// Element Plus is imported per component by the build (vite.config.mts); these are the styles of the services that
// views call from scripts (ElMessage, ElMessageBox), which no template names
import 'element-plus/theme-chalk/base.css';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import './styles/main.css';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';
import { loadRuleSetInForce } from './composables/periods';

createApp(App).use(createPinia()).use(router).use(i18n).mount('#app');
// the periods every message quotes come from the rule set in force (issue 12 §1)
void loadRuleSetInForce();
