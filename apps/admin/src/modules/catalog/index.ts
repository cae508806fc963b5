import type { ConsoleModule } from '../types';

const editors = ['bureau_admin', 'dept_admin'] as const;
/** the catalog's work pages: not for review agents, who read entries only to answer requests (第十六条(一)) */
const staff = ['bureau_admin', 'dept_admin', 'leader'] as const;
/** the catalog's maintenance tools: the bureau and the departments; the leaders read the catalog and its releases */
const maintainers = editors;
const entry = () => import('./entry/EntryView.vue');

/** 政务数据资源目录 (第二章, 第九至十一条): the catalog, its editor, Excel, releases, update duties, 一数一源, library leads. */
export const catalogModule: ConsoleModule = {
  name: 'catalog',
  routes: [
    {
      path: 'catalog/entries',
      name: 'catalog-entries',
      component: () => import('./list/EntryListView.vue'),
      meta: { title: 'catalog.nav.entries', menu: { group: 'nav.groupCatalog', icon: 'FolderOpened', order: 10 } },
    },
    { path: 'catalog/entries/new', name: 'catalog-entry-new', component: entry, meta: { title: 'catalog.nav.entryNew', roles: editors } },
    { path: 'catalog/entries/:id(\\d+)', name: 'catalog-entry', component: entry, meta: { title: 'catalog.nav.entry' } },
    {
      path: 'catalog/import',
      name: 'catalog-import',
      component: () => import('./import/ImportWizard.vue'),
      meta: { title: 'catalog.nav.import', roles: editors, menu: { group: 'nav.groupCatalog', icon: 'Upload', order: 20 } },
    },
    {
      path: 'catalog/update-triggers',
      name: 'catalog-triggers',
      component: () => import('./triggers/TriggersView.vue'),
      meta: { title: 'catalog.nav.triggers', roles: maintainers, menu: { group: 'nav.groupCatalog', icon: 'Timer', order: 30 } },
    },
    {
      path: 'catalog/duplicates',
      name: 'catalog-duplicates',
      component: () => import('./duplicates/DuplicatesView.vue'),
      meta: { title: 'catalog.nav.duplicates', roles: maintainers, menu: { group: 'nav.groupCatalog', icon: 'CopyDocument', order: 40 } },
    },
    {
      path: 'catalog/releases',
      name: 'catalog-releases',
      component: () => import('./releases/ReleasesView.vue'),
      meta: { title: 'catalog.nav.releases', roles: staff, menu: { group: 'nav.groupCatalog', icon: 'Collection', order: 50 } },
    },
    { path: 'catalog/releases/:id(\\d+)', name: 'catalog-release', component: () => import('./releases/ReleaseView.vue'), meta: { title: 'catalog.nav.release', roles: staff } },
    {
      path: 'catalog/library-leads',
      name: 'catalog-leads',
      component: () => import('./leads/LibraryLeadsView.vue'),
      meta: { title: 'catalog.nav.leads', roles: maintainers, menu: { group: 'nav.groupCatalog', icon: 'OfficeBuilding', order: 60 } },
    },
  ],
  messages: () => import('./messages').then((m) => ({ 'zh-CN': m.zhCN, en: m.en })),
};
