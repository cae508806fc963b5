import type { RouteRecordRaw } from 'vue-router';
import type { Role } from '@govdata/domain';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (also the menu label) */
    title?: string;
    /** who may open the page; absent = any logged-in user */
    roles?: readonly Role[];
    /** shown in the sidebar under this group (i18n key), in `order` */
    menu?: { group: string; icon: string; order: number };
    /** the page works without login (public open portal, published assessment results) */
    public?: boolean;
  }
}

type MessageTree = { [key: string]: string | MessageTree };
export type ModuleMessages = { 'zh-CN': MessageTree; en: MessageTree };

/** One area of the console: its pages and its texts. Registered in modules/index.ts. */
export interface ConsoleModule {
  name: string;
  /** children of the console layout (paths relative, e.g. 'catalog/entries') */
  routes: RouteRecordRaw[];
  /** top-level pages outside the console layout (public pages) */
  publicRoutes?: RouteRecordRaw[];
  /** its texts, loaded with the console (not with the login page): zh-CN first, en second */
  messages?: () => Promise<ModuleMessages>;
}

/** Menu groups in sidebar order: i18n key → order. Modules use these keys in `meta.menu.group`. */
export const MENU_GROUPS = ['nav.groupWork', 'nav.groupCatalog', 'nav.groupSharing', 'nav.groupSupervision', 'nav.groupAssessment', 'nav.groupOrganisation', 'nav.groupSystem'] as const;
