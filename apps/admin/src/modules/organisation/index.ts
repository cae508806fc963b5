import type { ConsoleModule } from '../types';

export const organisationModule: ConsoleModule = {
  name: 'organisation',
  routes: [
    {
      path: 'departments',
      name: 'departments',
      component: () => import('./DepartmentsView.vue'),
      meta: { title: 'nav.departments', menu: { group: 'nav.groupOrganisation', icon: 'OfficeBuilding', order: 10 } },
    },
    {
      path: 'users',
      name: 'users',
      component: () => import('./UsersView.vue'),
      meta: { title: 'nav.users', roles: ['bureau_admin', 'dept_admin'], menu: { group: 'nav.groupOrganisation', icon: 'User', order: 20 } },
    },
  ],
};
