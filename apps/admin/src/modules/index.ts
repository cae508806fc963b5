import { assessmentModule } from './assessment';
import { auditModule } from './audit';
import { calendarModule } from './calendar';
import { noticesModule } from './notices';
import { catalogModule } from './catalog';
import { gatewayModule } from './gateway';
import { lifecycleModule } from './lifecycle';
import { upperModule } from './upper';
import { notificationsModule } from './notifications';
import { opendataModule } from './opendata';
import { organisationModule } from './organisation';
import { sharingModule } from './sharing';
import { supervisionModule } from './supervision';
import { i18n } from '../i18n';
import type { ConsoleModule, ModuleMessages } from './types';

/** Every area of the console. A new area adds one line. */
export const MODULES: ConsoleModule[] = [
  organisationModule,
  calendarModule,
  notificationsModule,
  catalogModule,
  sharingModule,
  lifecycleModule,
  upperModule,
  opendataModule,
  gatewayModule,
  supervisionModule,
  noticesModule,
  assessmentModule,
  auditModule,
];

let loading: Promise<void> | null = null;

/** the enumerations' words (`enums.*`, see i18n/enums.ts), loaded with the modules' texts */
export const enumMessages = (): Promise<ModuleMessages> => import('../i18n/enum-messages').then((m) => ({ 'zh-CN': m.zhCN, en: m.en }));

/**
 * Merges every module's texts into vue-i18n, once. The router awaits it before any page but the login page, so the
 * login page never loads them (nor the domain library their labels come from).
 */
export function loadModuleMessages(): Promise<void> {
  loading ??= Promise.all([...MODULES.map((m) => m.messages?.()), enumMessages()]).then(
    (all) => {
      for (const messages of all) {
        if (!messages) continue;
        i18n.global.mergeLocaleMessage('zh-CN', messages['zh-CN']);
        i18n.global.mergeLocaleMessage('en', messages.en);
      }
    },
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}
